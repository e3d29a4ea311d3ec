package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.Workload;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.SourceSpec;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared Batfish export (one region folder, us-west-2) imports whole: every group, interface and VPC it
 * describes is in the configuration or in the report, validate accepts the result, and the engine's decisions on
 * it follow AWS semantics, checked on examples worked out by hand from SecurityGroups.json.
 */
class BatfishExportTest {

    static final String EXPORT = "aws/batfish-hybrid-cloud-us-west-2";
    static final String ACCOUNT = "118292266645";
    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path out;
    Imports.Written w;

    @BeforeEach
    void importIt() {
        w = Imports.importAndCompile(TestData.path(EXPORT), out);
    }

    @Test
    void everyGroupInterfaceAndVpcIsImportedOrReported() throws IOException {
        JsonNode groups = read("SecurityGroups.json").get("SecurityGroups");
        JsonNode enis = read("NetworkInterfaces.json").get("NetworkInterfaces");
        JsonNode vpcs = read("Vpcs.json").get("Vpcs");
        PortcullisConfig c = w.config();
        Set<String> imported = new TreeSet<>();
        c.securityGroups().forEach(g -> imported.add(g.id()));
        groups.forEach(g -> assertThat(imported).contains(g.get("GroupId").asText()));
        assertThat(c.securityGroups()).hasSize(groups.size() + 1); // + the placeholder for the jump host's group
        assertThat(c.workloads()).extracting(Workload::id).containsExactlyInAnyOrderElementsOf(ids(enis, "NetworkInterfaceId"));
        assertThat(c.vpcs()).extracting(v -> v.id()).containsExactlyInAnyOrderElementsOf(ids(vpcs, "VpcId"));
        assertThat(c.prefixLists()).extracting(p -> p.id()).containsExactly("pl-00a54069", "pl-68a54001");
        // 11 groups each have one egress rule; sanitized VPC owners ("111234") are inferred from the subnets' owner.
        assertThat(w.reportLines()).filteredOn(l -> l.startsWith("not represented|egress rule of")).hasSize(11);
        assertThat(w.reportLines()).contains("inferred|account of VPC vpc-b390fad5|Vpcs.json#/Vpcs/0/OwnerId",
                "placeholder|security group 118292266645/sg-cf3f86b3|SecurityGroups.json#/SecurityGroups/1/IpPermissions/0/UserIdGroupPairs/0");
        assertThat(c.vpcs().stream().filter(v -> v.id().equals("vpc-b390fad5")).findFirst().orElseThrow().account())
                .as("Subnets.json: subnet-073b8061 of vpc-b390fad5 is owned by 028403472736").isEqualTo("028403472736");
    }

    @Test
    void rulesAreEachPermissionTimesEachSourceInAwsOrder() {
        SecurityGroup arista = group("sg-331ad04e");
        // IpPermissions: -1 from 192.168.0.0/16; tcp 22 from 4 /32s and 0.0.0.0/0; icmp -1/-1 from 38.140.26.0/24.
        assertThat(arista.ingress()).hasSize(7);
        assertThat(arista.ingress().get(0).protocol().toString()).isEqualTo("all");
        assertThat(arista.ingress().get(5).ports().toString()).isEqualTo("22");
        assertThat(arista.ingress().get(6).protocol().toString()).isEqualTo("icmp");
        SecurityGroup rds = group("sg-55510831");
        assertThat(rds.ingress().get(5).from().toString()).contains("sg-cf3f86b3");
        assertThat(rds.ingress().get(5).description()).isEqualTo("jump host");
        SecurityGroup wizard6 = group("sg-94df21e9");
        assertThat(wizard6.ingress()).extracting(r -> r.from().toString()).anyMatch(s -> s.contains("::/0"));
    }

    @Test
    void everyItemIsTracedToItsSourcePointer() throws IOException {
        JsonNode items = w.sources().get("items");
        JsonNode rule = find(items, "securityGroups[2](sg-55510831).ingress[5]");
        assertThat(rule.get("file").asText()).isEqualTo("40-security-groups.yaml");
        assertThat(rule.get("sources").get(0).get("file").asText()).isEqualTo("SecurityGroups.json");
        assertThat(rule.get("sources").get(0).get("pointer").asText()).isEqualTo("/SecurityGroups/1/IpPermissions/0/UserIdGroupPairs/0");
        JsonNode source = read("SecurityGroups.json").at("/SecurityGroups/1/IpPermissions/0/UserIdGroupPairs/0");
        assertThat(source.get("GroupId").asText()).isEqualTo("sg-cf3f86b3");
        JsonNode eni = find(items, "workloads[6](eni-8c7753a2)");
        assertThat(read("NetworkInterfaces.json").at(eni.get("sources").get(0).get("pointer").asText()).get("NetworkInterfaceId").asText())
                .isEqualTo("eni-8c7753a2");
        // Every item written is traced: as many entries as groups, rules, workloads, VPCs, lists and accounts.
        PortcullisConfig c = w.config();
        int rules = c.securityGroups().stream().mapToInt(g -> g.ingress().size()).sum();
        assertThat(items.size()).isEqualTo(c.accounts().size() + c.vpcs().size() + c.prefixLists().size()
                + c.securityGroups().size() + rules + c.workloads().size());
    }

    @Test
    void theImportIsDeterministic(@TempDir Path again) throws IOException {
        AwsImport.read(TestData.path(EXPORT)).write(again, false);
        for (String f : List.of("00-accounts.yaml", "10-vpcs.yaml", "30-prefix-lists.yaml", "40-security-groups.yaml",
                "60-workloads.yaml", "import-sources.json", "import-report.json", "import-report.md")) {
            assertThat(Files.readString(again.resolve(f))).as(f).isEqualTo(Files.readString(out.resolve(f)));
        }
    }

    /**
     * Worked by hand: APIs placed with the imported groups (a test file beside the import). sg-83b348fe
     * (vpc-925131f4) admits all traffic from 10.0.0.0/16 and tcp 22 from 0.0.0.0/0; eni-0681f828 (10.0.0.54) is in
     * vpc-925131f4. sg-3dfb3140 admits all traffic from members of sg-55510831; sg-55510831 admits tcp 3306 from
     * the jump host's group sg-cf3f86b3, which nothing in the export carries.
     */
    @Test
    void theEngineFollowsAwsSemanticsOnTheImport() throws IOException {
        Files.writeString(out.resolve("90-test-apis.yaml"), """
                apis:
                  - {name: ssh, account: "118292266645", vpc: vpc-925131f4, listen: "10.0.0.10:22", securityGroups: [sg-83b348fe]}
                  - {name: default-b3, account: "118292266645", vpc: vpc-b390fad5, listen: "192.168.1.5:5432", securityGroups: [sg-3dfb3140]}
                  - {name: rds, account: "118292266645", vpc: vpc-b390fad5, listen: "192.168.1.6:3306", securityGroups: [sg-55510831]}
                workloads:
                  - {id: test-member, account: "118292266645", vpc: vpc-b390fad5, addresses: [192.168.9.9], groups: [sg-55510831]}
                """);
        ValidationReport r = ConfigLoader.create().load(out);
        assertThat(r.errors()).isEmpty();
        Explainer ex = new Explainer(AccessEngine.compile(r.config().orElseThrow()).snapshot());

        Explanation anyone = ex.check(SourceSpec.parse("203.0.113.9"), "ssh", 6, 22, AT);
        assertThat(anyone.decision().allowed()).as("0.0.0.0/0 on tcp 22 admits any address").isTrue();
        assertThat(anyone.decision().decidedBy()).contains("sg-83b348fe").contains("ingress[1]");
        assertThat(ex.check(SourceSpec.parse("203.0.113.9"), "ssh", 6, 80, AT).decision().allowed()).as("port 80 is not open to the world").isFalse();
        Explanation inVpc = ex.check(SourceSpec.parse("workload:eni-0681f828"), "ssh", 6, 80, AT);
        assertThat(inVpc.decision().allowed()).as("protocol -1 from 10.0.0.0/16 admits every port").isTrue();
        assertThat(inVpc.decision().decidedBy()).contains("ingress[0]");
        assertThat(ex.check(SourceSpec.parse("workload:eni-0681f828"), "ssh", 17, 53, AT).decision().allowed()).as("-1 is every protocol").isTrue();

        Explanation member = ex.check(SourceSpec.parse("workload:test-member"), "default-b3", 6, 5432, AT);
        assertThat(member.decision().allowed()).as("an interface carrying sg-55510831 reaches one whose group admits it").isTrue();
        assertThat(member.decision().decidedBy()).contains("sg-3dfb3140");
        assertThat(ex.check(SourceSpec.parse("workload:eni-707e5a5e"), "default-b3", 6, 5432, AT).decision().allowed())
                .as("an interface of the same VPC without sg-55510831 does not").isFalse();

        Set<String> reachRds = new HashSet<>();
        ex.whoCanReach("rds", 6, 3306, AT).forEach(x -> reachRds.add(x.kind() + ":" + x.subject()));
        assertThat(reachRds).as("the placeholder jump-host group admits no imported interface; only the five ranges do")
                .containsExactlyInAnyOrder("cidr:10.193.0.0/16", "cidr:107.170.243.58/32", "cidr:104.236.156.171/32",
                        "cidr:162.243.144.192/32", "cidr:67.170.86.87/32");
    }

    private SecurityGroup group(String id) {
        return w.config().securityGroups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode find(JsonNode items, String path) {
        for (JsonNode i : items) {
            if (i.get("path").asText().equals(path)) {
                return i;
            }
        }
        throw new AssertionError("no item " + path);
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static JsonNode read(String file) throws IOException {
        return new ObjectMapper().readTree(TestData.path(EXPORT).resolve(file).toFile());
    }
}
