package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.AwsApi;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.Connection;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An estate built by hand from AWS documentation examples (src/test/resources/estates/cross-account, one folder
 * per account): account 111111111111 owns the APIs and peers vpc-0a1 with 222222222222's vpc-0b1 (pcx-0ab), whose
 * app group its API group admits by UserIdGroupPairs; a transit gateway tgw-0c1 joins vpc-0a1 and 333333333333's
 * vpc-0c1 (and an overlapping vpc-0d1, left out); 222222222222 has an execute-api endpoint with an endpoint
 * policy; one private API has the seed's allow-all policy, as API Gateway returns it (quotes escaped), another
 * AWS's documented Deny-unless-SourceVpce policy.
 */
class CrossAccountEstateTest {

    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path out;
    Imports.Written w;
    PortcullisConfig c;

    @BeforeEach
    void importIt() {
        w = Imports.importAndCompile(Imports.resource("cross-account"), out);
        c = w.config();
    }

    @Test
    void aCrossAccountGroupReferenceNamesTheUserId() {
        SecurityGroup api = group("sg-0a1api");
        assertThat(api.ingress().get(0).from().toString()).contains("222222222222").contains("sg-0b1app");
        assertThat(api.ingress()).hasSize(5);
        assertThat(api.ingress().get(1).from().toString()).as("Ipv6Ranges").contains("2600:1f18:aa:100::/56");
        assertThat(api.ingress().get(2).from().toString()).as("PrefixListIds").contains("pl-0partners");
        assertThat(api.ingress().get(4).protocol().toString()).as("protocol \"6\" with 0-65535 is tcp, every port").isEqualTo("tcp");
        assertThat(api.ingress().get(4).ports()).isEqualTo(io.portcullis.config.PortRange.ALL);
        assertThat(c.prefixLists().get(0).cidrs()).as("from get-managed-prefix-list-entries/pl-0partners")
                .containsExactly("198.51.100.0/24", "203.0.113.0/24");
    }

    @Test
    void activePeeringsAndTransitGatewaysAreConnectionsAndTheRestIsReported() {
        assertThat(c.connections()).extracting(Connection::type, Connection::vpcs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Connection.Type.PEERING, List.of("vpc-0a1", "vpc-0b1")),
                org.assertj.core.groups.Tuple.tuple(Connection.Type.TRANSIT_GATEWAY, List.of("vpc-0a1", "vpc-0c1")));
        assertThat(w.reportLines()).contains(
                "ignored|peering pcx-0ac|111111111111/us-east-1/ec2-describe-vpc-peering-connections.json#/VpcPeeringConnections/1",
                "not represented|route tables of transit gateway tgw-0c1|111111111111/us-east-1/ec2-describe-transit-gateway-attachments.json#/TransitGatewayAttachments/0",
                "not represented|transit gateway attachment tgw-attach-0vpn|111111111111/us-east-1/ec2-describe-transit-gateway-attachments.json#/TransitGatewayAttachments/1",
                "skipped|transit gateway attachment tgw-attach-0d1 of tgw-0c1|333333333333/us-east-1/ec2-describe-transit-gateway-vpc-attachments.json#/TransitGatewayVpcAttachments/1",
                "not represented|network ACL acl-0a1|111111111111/us-east-1/ec2-describe-network-acls.json#/NetworkAcls/0",
                "widened|ICMP rule of sg-0a1api|111111111111/us-east-1/ec2-describe-security-groups.json#/SecurityGroups/0/IpPermissions/3",
                "skipped|address 10.9.9.9 of eni-0a1stray|111111111111/us-east-1/ec2-describe-network-interfaces.json#/NetworkInterfaces/1",
                "ignored|VPC endpoint vpce-0b1old|222222222222/us-east-1/ec2-describe-vpc-endpoints.json#/VpcEndpoints/2");
    }

    @Test
    void endpointsAndPrivateApisKeepTheirPoliciesExactly() throws IOException {
        VpcEndpoint vpce = c.vpcEndpoints().stream().filter(e -> e.id().equals("vpce-0b1api")).findFirst().orElseThrow();
        assertThat(vpce.executeApi()).isTrue();
        assertThat(vpce.account()).isEqualTo("222222222222");
        assertThat(vpce.securityGroups()).extracting(g -> g.key()).containsExactly("222222222222/sg-0b1vpce");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(vpce.policy().orElseThrow().json())).isEqualTo(json.readTree(
                "{\"Statement\":[{\"Principal\":\"*\",\"Action\":[\"execute-api:Invoke\"],\"Effect\":\"Allow\","
                        + "\"Resource\":[\"arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*\"]}]}"));

        AwsApi orders = api("a1b2c3d4e5");
        assertThat(orders.isPrivate()).isTrue();
        assertThat(orders.region()).isEqualTo("us-east-1");
        assertThat(orders.account()).as("from the folder 111111111111/us-east-1").isEqualTo("111111111111");
        assertThat(orders.vpcEndpointIds()).containsExactly("vpce-0b1api");
        assertThat(orders.stages()).containsExactly("prod", "test");
        assertThat(orders.tags()).containsEntry("data", "billing");
        assertThat(json.readTree(orders.resourcePolicy().orElseThrow().json())).as("the seed's policy: allow all, unescaped once")
                .isEqualTo(json.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*\"}]}"));
        AwsApi payments = api("k9l8m7n6o5");
        assertThat(json.readTree(payments.resourcePolicy().orElseThrow().json()).at("/Statement/0/Condition/StringNotEquals/aws:SourceVpce").asText())
                .isEqualTo("vpce-0b1api");
        assertThat(json.readTree(payments.resourcePolicy().orElseThrow().json()).at("/Statement/0/Effect").asText()).isEqualTo("Deny");
        assertThat(api("p0q1r2s3t4").endpointTypes()).containsExactly("REGIONAL");
        assertThat(api("p0q1r2s3t4").resourcePolicy()).isEmpty();
    }

    @Test
    void workloadsAreInterfacesLabelledByTheirInstance() {
        var eni = c.workloads().stream().filter(x -> x.id().equals("eni-0a1")).findFirst().orElseThrow();
        assertThat(eni.addresses()).containsExactly("10.1.1.10", "2600:1f18:aa:100::10");
        assertThat(eni.labels()).containsEntry("instance", "i-0a1").containsEntry("name", "orders-1");
        var second = c.workloads().stream().filter(x -> x.id().equals("eni-0a1b")).findFirst().orElseThrow();
        assertThat(second.labels()).as("only describe-instances lists it").containsEntry("instance", "i-0a1");
        var endpointEni = c.workloads().stream().filter(x -> x.id().equals("eni-0b1vpce")).findFirst().orElseThrow();
        assertThat(endpointEni.labels()).containsEntry("interfaceType", "vpc_endpoint").containsEntry("requesterManaged", "true");
        assertThat(c.workloads()).extracting(x -> x.id()).doesNotContain("eni-0a1stray");
    }

    /**
     * Worked by hand: an API placed in vpc-0a1 with sg-0a1api admits eni-0b1 (222222222222, carries sg-0b1app)
     * on tcp 443 across pcx-0ab; not eni-0c1 (on the transit gateway, in no admitted group or range); a
     * partner's address on 8443 through the prefix list, and not on 443.
     */
    @Test
    void theEngineAdmitsTheReferencedGroupAcrossThePeering() throws IOException {
        Files.writeString(out.resolve("90-test-apis.yaml"), """
                apis:
                  - {name: orders, account: "111111111111", vpc: vpc-0a1, listen: "10.1.1.10:443", securityGroups: [sg-0a1api]}
                """);
        ValidationReport r = ConfigLoader.create().load(out);
        assertThat(r.errors()).isEmpty();
        Explainer ex = new Explainer(AccessEngine.compile(r.config().orElseThrow()).snapshot());
        var peer = ex.check(SourceSpec.parse("workload:eni-0b1"), "orders", 6, 443, AT);
        assertThat(peer.decision().allowed()).isTrue();
        assertThat(peer.decision().decidedBy()).contains("sg-0a1api").contains("ingress[0]");
        assertThat(ex.check(SourceSpec.parse("workload:eni-0b1"), "orders", 6, 8443, AT).decision().allowed()).isFalse();
        assertThat(ex.check(SourceSpec.parse("workload:eni-0c1"), "orders", 6, 443, AT).decision().allowed()).isFalse();
        assertThat(ex.check(SourceSpec.parse("198.51.100.7"), "orders", 6, 8443, AT).decision().allowed()).isTrue();
        assertThat(ex.check(SourceSpec.parse("198.51.100.7"), "orders", 6, 443, AT).decision().allowed()).isFalse();
        assertThat(ex.check(SourceSpec.parse("workload:eni-0a1b"), "orders", 6, 5432, AT).decision().allowed())
                .as("the group's self-reference admits its own members on every tcp port").isTrue();
    }

    private SecurityGroup group(String id) {
        return c.securityGroups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    private AwsApi api(String id) {
        return c.awsApis().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }
}
