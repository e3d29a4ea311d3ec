package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users write into AWS (descriptions, tag keys and values) comes back from the written YAML exactly, however
 * it looks to YAML: quotes, comment and mapping characters, line breaks, control characters, characters outside
 * the BMP, and words YAML 1.1 reads as booleans or null. And an interface naming a group of another VPC (which AWS
 * never does) is reported rather than written into a configuration validate refuses.
 */
class WrittenValuesTest {

    private static final String[] AWKWARD = {"say \"hi\"", "a # not a comment", "key: value", "- item", "line\nbreak\ttab",
            "bell\u0007", "snow \u2603 and \uD83D\uDE80", "on", "yes", "null", "~", "'single'", "\\back\\slash", "*alias", "&anchor", "{flow}", "[x]", "next\u0085line\u2028separator\ufeff", ""};

    @TempDir
    Path export;
    @TempDir
    Path out;

    @Test
    void descriptionsTagsAndLabelsComeBackExactly() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode groups = root.putArray("SecurityGroups");
        ObjectNode enis = json.createObjectNode();
        ArrayNode interfaces = enis.putArray("NetworkInterfaces");
        for (int i = 0; i < AWKWARD.length; i++) {
            ObjectNode g = groups.addObject().put("GroupId", "sg-" + i).put("OwnerId", "111111111111").put("VpcId", "vpc-1")
                    .put("Description", AWKWARD[i]);
            g.putArray("Tags").addObject().put("Key", AWKWARD[i].isEmpty() ? "empty" : AWKWARD[i]).put("Value", AWKWARD[i]);
            ObjectNode p = g.putArray("IpPermissions").addObject().put("IpProtocol", "-1");
            p.putArray("IpRanges").addObject().put("CidrIp", "10.0.0.0/8").put("Description", AWKWARD[i]);
            ObjectNode n = interfaces.addObject().put("NetworkInterfaceId", "eni-" + i).put("OwnerId", "111111111111").put("VpcId", "vpc-1")
                    .put("PrivateIpAddress", "10.0.0." + (i + 10)).put("Description", AWKWARD[i]);
            n.putArray("Groups").addObject().put("GroupId", "sg-" + i);
        }
        Files.writeString(export.resolve("sgs.json"), root.toString());
        Files.writeString(export.resolve("enis.json"), enis.toString());
        Files.writeString(export.resolve("vpcs.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.0.0.0/16\"},"
                + "{\"VpcId\": \"vpc-2\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.2.0.0/16\"}]}");
        Imports.Written w = Imports.importAndCompile(export, out);
        for (int i = 0; i < AWKWARD.length; i++) {
            String id = "sg-" + i;
            SecurityGroup g = w.config().securityGroups().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertThat(g.description()).isEqualTo(AWKWARD[i]);
            assertThat(g.tags()).isEqualTo(Map.of(AWKWARD[i].isEmpty() ? "empty" : AWKWARD[i], AWKWARD[i]));
            assertThat(g.ingress().get(0).description()).isEqualTo(AWKWARD[i]);
            Workload eni = w.config().workloads().stream().filter(x -> x.id().equals("eni-" + id.substring(3))).findFirst().orElseThrow();
            assertThat(eni.labels().getOrDefault("description", "")).isEqualTo(AWKWARD[i]);
        }
    }

    @Test
    void aGroupOfAnotherVpcOnAnInterfaceIsReportedNotWritten() throws IOException {
        Files.writeString(export.resolve("vpcs.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.0.0.0/16\"},"
                + "{\"VpcId\": \"vpc-2\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.2.0.0/16\"}]}");
        Files.writeString(export.resolve("sgs.json"), "{\"SecurityGroups\": [{\"GroupId\": \"sg-2\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-2\"}]}");
        Files.writeString(export.resolve("enis.json"), "{\"NetworkInterfaces\": [{\"NetworkInterfaceId\": \"eni-1\", \"OwnerId\": \"111111111111\", "
                + "\"VpcId\": \"vpc-1\", \"PrivateIpAddress\": \"10.0.0.5\", \"Groups\": [{\"GroupId\": \"sg-2\"}]}]}");
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(w.config().workloads().get(0).groups()).isEmpty();
        assertThat(w.reportLines()).containsExactly("skipped|group 111111111111/sg-2 of eni-1|enis.json#/NetworkInterfaces/0");
    }

    @Test
    void prefixListsWithoutTheirEntriesAreDeclaredEmptyAndReported() throws IOException {
        Files.writeString(export.resolve("vpcs.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"OwnerId\": \"111111111111\", \"CidrBlock\": \"10.0.0.0/16\"}]}");
        Files.writeString(export.resolve("lists.json"), "{\"PrefixLists\": [{\"PrefixListId\": \"pl-known\", \"PrefixListName\": \"known\", \"OwnerId\": \"111111111111\"}]}");
        Files.writeString(export.resolve("sgs.json"), "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"OwnerId\": \"111111111111\", \"VpcId\": \"vpc-1\", "
                + "\"IpPermissions\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, "
                + "\"PrefixListIds\": [{\"PrefixListId\": \"pl-known\"}, {\"PrefixListId\": \"pl-unknown\"}]}]}]}");
        Imports.Written w = Imports.importAndCompile(export, out);
        assertThat(w.config().prefixLists()).extracting(p -> p.id() + "=" + p.cidrs()).containsExactly("pl-known=[]", "pl-unknown=[]");
        assertThat(w.config().securityGroups().get(0).ingress()).hasSize(2);
        assertThat(w.reportLines()).containsExactly("placeholder|prefix list pl-known (known)|lists.json#/PrefixLists/0",
                "placeholder|prefix list pl-unknown|sgs.json#/SecurityGroups/0/IpPermissions/0/PrefixListIds/1");
    }
}
