package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.config.SecurityGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export whose text was written by someone who may name, tag or describe a resource in AWS, and wants the
 * imported configuration to admit more than AWS does, hide a group from the analysis, or forge the report. Each case
 * is one the adversarial review of the importer made work (the import's in-memory compile and `validate` of the
 * files disagreeing, a group's findings suppressed, a partial configuration left behind, a file read from outside
 * the export). {@link Imports#importAndCompile} also checks that every written file reads back as the trees the
 * import compiled, and that both compile to one digest.
 */
class InjectedExportTest {

    private static final String VPCS = "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.0.0.0/16\"}]}";

    @TempDir
    Path export;
    @TempDir
    Path out;

    @Test
    void lineBreaksInNamesCommentedInTheYamlAddNothing() throws IOException {
        // a carriage return, NEL, and the line and paragraph separators all end a line in YAML 1.1; each name is
        // written in a comment above its item, and each tries to add a rule or a workload of its own
        String rule = "      - protocol: \\\"all\\\"\\r        from: {\\\"cidr\\\": \\\"0.0.0.0/0\\\"}";
        Files.writeString(export.resolve("vpcs.json"), VPCS);
        Files.writeString(export.resolve("sgs.json"), "{\"SecurityGroups\": ["
                + "{\"GroupId\": \"sg-1\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-1\", \"GroupName\": \"a\"},"
                + "{\"GroupId\": \"sg-2\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-1\", \"GroupName\": \"default\\r" + rule + "\\r  #\"},"
                + "{\"GroupId\": \"sg-3\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-1\", \"GroupName\": \"x\\u0085" + rule + "\\u2029\","
                + " \"Description\": \"C1 \\u0080\\u009f, not a character \\uffff, lone \\ud800, override \\u202e\"}]}");
        Files.writeString(export.resolve("enis.json"), "{\"NetworkInterfaces\": [{\"NetworkInterfaceId\": \"eni-1\", \"OwnerId\": \"111111111111\", "
                + "\"VpcId\": \"vpc-1\", \"PrivateIpAddress\": \"10.0.0.5\", \"Groups\": [{\"GroupId\": \"sg-1\"}], \"TagSet\": [{\"Key\": \"Name\", "
                + "\"Value\": \"web\\u2028  - id: \\\"eni-evil\\\"\\u2028    account: \\\"111111111111\\\"\\u2028    vpc: \\\"vpc-1\\\"\\u2028"
                + "    addresses: [\\\"10.0.9.9\\\"]\\u2028    groups: [\\\"sg-2\\\"]\\u2028  #\"}]}]}");
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(w.config().securityGroups()).allSatisfy(g -> assertThat(g.ingress()).isEmpty());
        assertThat(w.config().workloads()).extracting(x -> x.id()).containsExactly("eni-1");
        assertThat(group(w, "sg-3").description()).isEqualTo("C1 \u0080\u009f, not a character \uffff, lone \ud800, override \u202e");
        String groups = Files.readString(out.resolve("40-security-groups.yaml"));
        assertThat(groups).doesNotContain("\r", "\u0085", "\u2028", "\u2029", "\u0080", "\uffff", "\u202e");
    }

    @Test
    void tagsInPortcullissOwnNamespaceAreNotImported() throws IOException {
        // the importer marks a placeholder group portcullis:imported: referenced-only, and the analysis leaves such a
        // group out of its findings; anyone who may tag a group in AWS could otherwise hide it
        Files.writeString(export.resolve("vpcs.json"), VPCS);
        Files.writeString(export.resolve("sgs.json"), "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"OwnerId\": \"111111111111\", "
                + "\"VpcId\": \"vpc-1\", \"Tags\": [{\"Key\": \"portcullis:imported\", \"Value\": \"referenced-only\"}, "
                + "{\"Key\": \"Portcullis:Other\", \"Value\": \"x\"}, {\"Key\": \"team\", \"Value\": \"web\"}], "
                + "\"IpPermissions\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}]}]}");
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(group(w, "sg-1").tags()).isEqualTo(Map.of("team", "web"));
        assertThat(w.reportLines()).contains("ignored|tag portcullis:imported of security group sg-1|sgs.json#/SecurityGroups/0",
                "ignored|tag Portcullis:Other of security group sg-1|sgs.json#/SecurityGroups/0");
    }

    @Test
    void theMarkdownReportShowsTheExportsTextAndNothingMore() throws IOException {
        Files.writeString(export.resolve("vpcs.json"), VPCS);
        Files.writeString(export.resolve("peerings.json"), "{\"VpcPeeringConnections\": [{\"VpcPeeringConnectionId\": \"pcx-1\", "
                + "\"Status\": {\"Code\": \"deleted <img src=x onerror=alert(1)> [re-run](https://evil.example/fix)\\r\\r# All clear\\r| x |\"}, "
                + "\"RequesterVpcInfo\": {\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\"}, "
                + "\"AccepterVpcInfo\": {\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\"}}]}");
        Files.writeString(export.resolve("x` <i>bold<i> `.json"), "{\"Foo\": []}");
        Imports.Written w = Imports.importAndCompile(export, out);
        List<String> lines = Files.readAllLines(out.resolve("import-report.md"));
        int rows = (int) lines.stream().filter(l -> l.startsWith("| ") && !l.startsWith("| category") && !l.startsWith("| what")).count();
        long counted = w.report().get("entries").size() + w.report().get("counts").size();
        assertThat(rows).as("one table row per entry and per count, no line of the export's own").isEqualTo((int) counted);
        assertThat(lines).noneMatch(l -> l.startsWith("# All clear"));
        assertThat(String.join("\n", lines)).doesNotContain("\r", "[re-run](", " <img").contains(" \\<img", "| `` x` <i>bold<i> `.json# `` |");
    }

    @Test
    void symbolicLinksInTheExportAreReportedNotFollowed(@TempDir Path outside) throws IOException {
        Files.writeString(export.resolve("vpcs.json"), VPCS);
        Files.writeString(outside.resolve("sgs.json"), "{\"SecurityGroups\": [{\"GroupId\": \"sg-9\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-1\"}]}");
        Files.writeString(outside.resolve("secret"), "root:x:0:0");
        Files.createSymbolicLink(export.resolve("more.json"), outside.resolve("sgs.json"));
        Files.createSymbolicLink(export.resolve("shadow.json"), outside.resolve("secret"));
        Files.createSymbolicLink(export.resolve("dir"), outside);
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(w.config().securityGroups()).isEmpty();
        assertThat(w.reportLines()).filteredOn(l -> l.startsWith("ignored|link "))
                .containsExactly("ignored|link dir|dir#", "ignored|link more.json|more.json#", "ignored|link shadow.json|shadow.json#");
    }

    @Test
    void aWriteThatFailsLeavesTheDirectoryAsItWas() throws IOException {
        // one description longer than the loader reads in a file: refused before anything is moved into place
        Files.writeString(export.resolve("vpcs.json"), VPCS);
        Files.writeString(export.resolve("sgs.json"), "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"OwnerId\": \"111111111111\", "
                + "\"VpcId\": \"vpc-1\", \"Description\": \"" + "\u20ac".repeat(6_000_000) + "\"}]}");
        Files.writeString(out.resolve("keep.txt"), "mine");
        AwsImport imported = AwsImport.read(export);
        assertThat(imported.problems()).isEmpty();
        assertThatThrownBy(() -> imported.write(out, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("40-security-groups.yaml would be").hasMessageContaining("expected: at most 16777216");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
        }
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".import-"));
        }
    }

    @Test
    void aHalfGivenPortRangeIsReportedAsWidened() throws IOException {
        Files.writeString(export.resolve("vpcs.json"), VPCS);
        Files.writeString(export.resolve("sgs.json"), "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"OwnerId\": \"111111111111\", "
                + "\"VpcId\": \"vpc-1\", \"IpPermissions\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"IpRanges\": [{\"CidrIp\": \"10.0.0.0/8\"}]},"
                + "{\"IpProtocol\": \"udp\", \"FromPort\": -1, \"ToPort\": 53, \"IpRanges\": [{\"CidrIp\": \"10.0.0.0/8\"}]},"
                + "{\"IpProtocol\": \"tcp\", \"FromPort\": -1, \"ToPort\": -1, \"IpRanges\": [{\"CidrIp\": \"10.0.0.0/8\"}]}]}]}");
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(group(w, "sg-1").ingress()).hasSize(3);
        assertThat(w.reportLines()).filteredOn(l -> l.startsWith("widened|")).containsExactly(
                "widened|tcp rule of sg-1|sgs.json#/SecurityGroups/0/IpPermissions/0",
                "widened|udp rule of sg-1|sgs.json#/SecurityGroups/0/IpPermissions/1");
    }

    @Test
    void aPolicyWithADuplicateKeyIsRefusedAndTheErrorSaysSo() throws IOException {
        // AWS refuses a policy with a key twice; which of the two a reader keeps differs between readers
        Files.writeString(export.resolve("apigateway-get-rest-apis.json"), "{\"items\": [{\"id\": \"a1b2c3d4e5\", \"name\": \"pay\", "
                + "\"endpointConfiguration\": {\"types\": [\"PRIVATE\"]}, \"policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\","
                + "\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\","
                + "\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}]}");
        assertThat(AwsImport.read(export).problems()).singleElement().asString()
                .contains("is not a JSON policy document (Duplicate field 'Effect')");
    }

    private static SecurityGroup group(Imports.Written w, String id) {
        return w.config().securityGroups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }
}
