package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.estate.aws.ReadProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input that cannot be read gets one precise error (file and JSON pointer, or line and column for JSON syntax,
 * and what was expected), reading goes on so every error is reported at once, and nothing is written.
 */
class HostileInputTest {

    private static final String GROUP = "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-1\", "
            + "\"IpPermissions\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\": \"10.0.0.0/8\"}]}]}]}";

    @TempDir
    Path dir;

    private List<String> problems(String file, String json) throws IOException {
        Files.writeString(dir.resolve(file), json);
        Files.writeString(dir.resolve("vpcs.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.0.0.0/16\"}]}");
        return AwsImport.read(dir).problems().stream().map(ReadProblem::toString).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "GroupId": "sg-1"|"GroupId": 5|sgs.json#/SecurityGroups/0/GroupId: got the number 5 (expected: a security group id, sg-...)
            "GroupId": "sg-1",|"Group": "sg-1",|sgs.json#/SecurityGroups/0/GroupId: missing (expected: a security group id, sg-...)
            "GroupId": "sg-1"|"GroupId": "group-1"|sgs.json#/SecurityGroups/0/GroupId: 'group-1' (expected: a security group id, sg-...)
            "FromPort": 22|"FromPort": 99999999999999999999999|sgs.json#/SecurityGroups/0/IpPermissions/0/FromPort: got the number 99999999999999999999999 (expected: a port 0-65535, an ICMP type, or -1)
            "FromPort": 22|"FromPort": 22.5|sgs.json#/SecurityGroups/0/IpPermissions/0/FromPort: got the number 22.5 (expected: a port 0-65535, an ICMP type, or -1)
            "FromPort": 22|"FromPort": 70000|sgs.json#/SecurityGroups/0/IpPermissions/0/FromPort: got the number 70000 (expected: a port 0-65535, an ICMP type, or -1)
            "FromPort": 22, "ToPort": 22|"FromPort": 23, "ToPort": 22|sgs.json#/SecurityGroups/0/IpPermissions/0: FromPort 23 > ToPort 22 (expected: FromPort <= ToPort)
            "IpProtocol": "tcp"|"IpProtocol": "tcpx"|sgs.json#/SecurityGroups/0/IpPermissions/0/IpProtocol: 'tcpx' (expected: tcp, udp, icmp, icmpv6, -1 or a protocol number 0-255)
            "IpProtocol": "tcp"|"IpProtocol": ["tcp"]|sgs.json#/SecurityGroups/0/IpPermissions/0/IpProtocol: got a list (expected: a protocol: tcp, udp, icmp, icmpv6, -1 or a number)
            "10.0.0.0/8"|"10.0.0.1/8"|sgs.json#/SecurityGroups/0/IpPermissions/0/IpRanges/0: '10.0.0.1/8' has host bits set (expected: a CIDR such as 10.0.0.0/16 or 2600:1f14::/56)
            "10.0.0.0/8"|"10.0.0.0/99"|sgs.json#/SecurityGroups/0/IpPermissions/0/IpRanges/0: '10.0.0.0/99' is not a CIDR (expected: a CIDR such as 10.0.0.0/16 or 2600:1f14::/56)
            "IpRanges": [|"IpRanges": {"x": [|sgs.json#/SecurityGroups/0/IpPermissions/0/IpRanges: got an object (expected: a list)
            "OwnerId": "111111111111"|"OwnerId": "1111"|sgs.json#/SecurityGroups/0/OwnerId: '1111' (expected: the group owner's 12-digit account id, or the export in a folder named by it)
            "SecurityGroups": [|"SecurityGroups": [7, |sgs.json#/SecurityGroups/0: got the number 7 (expected: a security group)
            """)
    void eachBadValueGetsOnePreciseError(String from, String to, String expected) throws IOException {
        assertThat(GROUP).contains(from);
        String json = GROUP.replace(from, to);
        if (to.endsWith("{\"x\": [")) {
            json = json.replace("}]}]}]}", "}]}}]}]}");
        }
        assertThat(problems("sgs.json", json)).containsExactly(expected);
    }

    @Test
    void malformedJsonIsPlacedAtItsLineAndColumn() throws IOException {
        assertThat(problems("sgs.json", "{\"SecurityGroups\": [\n  {\"GroupId\": \"sg-1\",}\n]}")).singleElement().asString()
                .startsWith("sgs.json:2:").contains("malformed JSON").endsWith("(expected: the JSON an AWS CLI command prints)");
        assertThat(problems("sgs.json", "{\"SecurityGroups\": [], \"SecurityGroups\": []}")).singleElement().asString()
                .startsWith("sgs.json:1:").contains("Duplicate field 'SecurityGroups'");
        assertThat(problems("sgs.json", "{\"SecurityGroups\": []} trailing")).singleElement().asString().startsWith("sgs.json:1:");
        assertThat(problems("sgs.json", "[]")).containsExactly("sgs.json: got a list (expected: the JSON object an AWS CLI command prints)");
        assertThat(problems("sgs.json", "")).containsExactly("sgs.json: empty file (expected: the JSON an AWS CLI command prints)");
        assertThat(problems("sgs.json", "[".repeat(5000) + "]".repeat(5000))).singleElement().asString().startsWith("sgs.json")
                .containsIgnoringCase("nesting depth");
        assertThat(problems("sgs.json", "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"FromPort\": 1" + "0".repeat(500) + "}]}"))
                .singleElement().asString().startsWith("sgs.json").containsIgnoringCase("number");
    }

    @Test
    void outputsThatDoNotSayWhatTheyDescribeNeedTheirIdInTheName() throws IOException {
        assertThat(problems("stages.json", "{\"item\": [{\"stageName\": \"prod\"}]}")).containsExactly("stages.json: get-stages output whose "
                + "API cannot be told (expected: the API id in the file or folder name: apigateway-get-stages-<apiId>.json, "
                + "apigateway-get-stages/<apiId> or <apiId>/get-stages.json)");
        Files.delete(dir.resolve("stages.json"));
        assertThat(problems("entries.json", "{\"Entries\": [{\"Cidr\": \"10.0.0.0/8\"}]}")).containsExactly("entries.json: "
                + "get-managed-prefix-list-entries output whose prefix list cannot be told (expected: the list id in the file or "
                + "folder name, e.g. ec2-get-managed-prefix-list-entries-pl-0123abcd.json)");
    }

    @Test
    void policiesMustBeJsonDocumentsAndApisNeedAnAccount() throws IOException {
        assertThat(problems("apis.json", "{\"items\": [{\"id\": \"abcdefghij\", \"name\": \"x\", \"endpointConfiguration\": {\"types\": "
                + "[\"PRIVATE\"]}, \"policy\": \"{not json\"}]}")).containsExactly(
                "apis.json#/items/0/policy: '{not json' is not a JSON policy document (Unexpected character ('n' (code 110)): was expecting double-quote to start field name) (expected: a JSON object, as a string)");
        Files.delete(dir.resolve("apis.json"));
        Files.writeString(dir.resolve("more-vpcs.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-2\", \"OwnerId\": \"222222222222\", \"CidrBlock\": \"10.2.0.0/16\"}]}");
        assertThat(problems("rest-apis.json", "{\"items\": [{\"id\": \"abcdefghij\", \"name\": \"x\", \"endpointConfiguration\": "
                + "{\"types\": [\"PRIVATE\", \"INTERNAL\"]}}]}")).containsExactly(
                "rest-apis.json#/items/0: the account of these REST APIs cannot be told: get-rest-apis does not print it and the "
                        + "outputs beside it name several [111111111111, 222222222222] (expected: the file in a folder named by the "
                        + "account, e.g. 123456789012/us-east-1/apigateway-get-rest-apis.json)",
                "rest-apis.json#/items/0: the region of these REST APIs cannot be told: get-rest-apis does not print it and no other "
                        + "output beside it names one (expected: the file in a folder named by the region, e.g. "
                        + "123456789012/us-east-1/apigateway-get-rest-apis.json)",
                "rest-apis.json#/items/0/endpointConfiguration/types/1: 'INTERNAL' (expected: PRIVATE, REGIONAL or EDGE)");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsWritten(@TempDir Path out) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"NetworkInterfaces\": [{\"OwnerId\": \"111111111111\"}, {\"NetworkInterfaceId\": \"eni-2\", \"RequesterManaged\": \"no\"}]}");
        Files.writeString(dir.resolve("b.json"), "{\"Vpcs\": [{\"OwnerId\": \"111111111111\"}]}");
        AwsImport imported = AwsImport.read(dir);
        assertThat(imported.problems()).extracting(ReadProblem::toString).containsExactly(
                "a.json#/NetworkInterfaces/0/NetworkInterfaceId: missing (expected: a network interface id, eni-...)",
                "a.json#/NetworkInterfaces/1/RequesterManaged: got the string 'no' (expected: true or false)",
                "b.json#/Vpcs/0/VpcId: missing (expected: a VPC id, vpc-...)");
        assertThatThrownBy(() -> imported.write(out, false)).hasMessage("3 input problem(s): nothing is written");
        try (var s = Files.list(out)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void anOutputDirectoryWithConfigurationIsNotOverwrittenUnlessAsked(@TempDir Path out) throws IOException {
        Files.writeString(dir.resolve("vpcs.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.0.0.0/16\"}]}");
        Files.writeString(out.resolve("mine.yaml"), "accounts: []\n");
        AwsImport imported = AwsImport.read(dir);
        assertThatThrownBy(() -> imported.write(out, false)).hasMessageContaining("already holds configuration or import files (mine.yaml, ...)");
        imported.write(out, true);
        assertThat(out.resolve("mine.yaml")).doesNotExist();
        assertThat(out.resolve("10-vpcs.yaml")).exists();
    }
}
