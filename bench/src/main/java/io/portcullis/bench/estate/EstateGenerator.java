package io.portcullis.bench.estate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic AWS estate as the AWS CLI prints it, the same for the same seed and sizes, written in the
 * {@code <account>/<region>/ec2-describe-*.json} layout {@code portcullis import aws} reads: {@code accounts}
 * accounts of {@code vpcsPerAccount} VPCs each (a /16 apiece, disjoint), every VPC peered with the next one
 * (across accounts) and each account's first VPC on one transit gateway; {@code groups} security groups spread
 * over the VPCs, each with 1 to 4 permissions whose sources are groups of its own or the peered VPC (named
 * with their account's UserId), CIDRs (0.0.0.0/0 one time in 20), IPv6 ranges and a managed prefix list;
 * {@code interfaces} network interfaces carrying 1 to 3 groups of their VPC (half of them attached to
 * instances with a Name tag); one execute-api endpoint per VPC with an endpoint policy; {@code apis} private REST
 * APIs with the seed's allow-all policy, AWS's Deny-unless-SourceVpce policy or an aws:SourceVpc condition,
 * escaped as API Gateway prints them, with their stages. Measurement input only: not production code.
 */
public final class EstateGenerator {

    public record Sizes(int accounts, int vpcsPerAccount, int groups, int interfaces, int apis) {
        public Sizes {
            if (accounts * vpcsPerAccount > 250) {
                throw new IllegalArgumentException("accounts * vpcsPerAccount: " + accounts * vpcsPerAccount + " (expected: <= 250, one 10.x.0.0/16 each)");
            }
        }
    }

    static final String REGION = "us-east-1";
    private static final JsonFactory JSON = new JsonFactory();

    private final Sizes sizes;
    private final SplittableRandom random;
    private final int vpcCount;

    public EstateGenerator(Sizes sizes, long seed) {
        this.sizes = sizes;
        this.random = new SplittableRandom(seed);
        this.vpcCount = sizes.accounts() * sizes.vpcsPerAccount();
    }

    static String account(int a) {
        return String.valueOf(100_000_000_000L + a);
    }

    private int accountOf(int vpc) {
        return vpc / sizes.vpcsPerAccount();
    }

    private static String vpcId(int v) {
        return String.format("vpc-%08x", v);
    }

    private static String groupId(int g) {
        return String.format("sg-%08x", g);
    }

    /** The VPC of group {@code g}: groups are dealt round-robin over the VPCs. */
    private int vpcOfGroup(int g) {
        return g % vpcCount;
    }

    /** A group of {@code vpc}, chosen at random. */
    private int groupIn(int vpc) {
        int perVpc = Math.max(1, sizes.groups() / vpcCount);
        int g = vpc + vpcCount * random.nextInt(perVpc);
        return g < sizes.groups() ? g : vpc;
    }

    public void write(Path root) throws IOException {
        for (int a = 0; a < sizes.accounts(); a++) {
            Path dir = root.resolve(account(a)).resolve(REGION);
            Files.createDirectories(dir);
            writeVpcs(dir, a);
            writeGroups(dir, a);
            writeInterfaces(dir, a);
            writePeerings(dir, a);
            writeEndpoints(dir, a);
            writeApis(dir, a);
        }
        Path first = root.resolve(account(0)).resolve(REGION);
        try (JsonGenerator j = open(first.resolve("ec2-describe-managed-prefix-lists.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("PrefixLists");
            j.writeStartObject();
            j.writeStringField("PrefixListId", "pl-0partners");
            j.writeStringField("PrefixListName", "partners");
            j.writeStringField("OwnerId", account(0));
            j.writeEndObject();
            j.writeEndArray();
            j.writeEndObject();
        }
        try (JsonGenerator j = open(first.resolve("ec2-get-managed-prefix-list-entries-pl-0partners.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("Entries");
            for (int i = 0; i < 8; i++) {
                j.writeStartObject();
                j.writeStringField("Cidr", "198.51." + (100 + i) + ".0/24");
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private void writeVpcs(Path dir, int a) throws IOException {
        try (JsonGenerator j = open(dir.resolve("ec2-describe-vpcs.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("Vpcs");
            for (int v = a * sizes.vpcsPerAccount(); v < (a + 1) * sizes.vpcsPerAccount(); v++) {
                j.writeStartObject();
                j.writeStringField("VpcId", vpcId(v));
                j.writeStringField("OwnerId", account(a));
                j.writeStringField("CidrBlock", "10." + v + ".0.0/16");
                j.writeArrayFieldStart("CidrBlockAssociationSet");
                j.writeStartObject();
                j.writeStringField("CidrBlock", "10." + v + ".0.0/16");
                j.writeObjectFieldStart("CidrBlockState");
                j.writeStringField("State", "associated");
                j.writeEndObject();
                j.writeEndObject();
                j.writeEndArray();
                tags(j, "Tags", "Name", "vpc-" + v);
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        try (JsonGenerator j = open(dir.resolve("ec2-describe-transit-gateway-vpc-attachments.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("TransitGatewayVpcAttachments");
            j.writeStartObject();
            j.writeStringField("TransitGatewayAttachmentId", "tgw-attach-" + a);
            j.writeStringField("TransitGatewayId", "tgw-0shared");
            j.writeStringField("VpcId", vpcId(a * sizes.vpcsPerAccount()));
            j.writeStringField("VpcOwnerId", account(a));
            j.writeStringField("State", "available");
            j.writeEndObject();
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private void writeGroups(Path dir, int a) throws IOException {
        try (JsonGenerator j = open(dir.resolve("ec2-describe-security-groups.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("SecurityGroups");
            for (int g = 0; g < sizes.groups(); g++) {
                int vpc = vpcOfGroup(g);
                if (accountOf(vpc) != a) {
                    continue;
                }
                j.writeStartObject();
                j.writeStringField("GroupId", groupId(g));
                j.writeStringField("GroupName", "group-" + g);
                j.writeStringField("OwnerId", account(a));
                j.writeStringField("VpcId", vpcId(vpc));
                j.writeStringField("Description", "synthetic group " + g);
                j.writeArrayFieldStart("IpPermissions");
                int permissions = 1 + random.nextInt(4);
                for (int p = 0; p < permissions; p++) {
                    permission(j, vpc);
                }
                j.writeEndArray();
                j.writeArrayFieldStart("IpPermissionsEgress");
                j.writeStartObject();
                j.writeStringField("IpProtocol", "-1");
                j.writeArrayFieldStart("IpRanges");
                j.writeStartObject();
                j.writeStringField("CidrIp", "0.0.0.0/0");
                j.writeEndObject();
                j.writeEndArray();
                j.writeEndObject();
                j.writeEndArray();
                tags(j, "Tags", "team", "team-" + (g % 17));
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private void permission(JsonGenerator j, int vpc) throws IOException {
        j.writeStartObject();
        int kind = random.nextInt(10);
        int port = List.of(22, 443, 5432, 8080, 3306, 6379).get(random.nextInt(6));
        j.writeStringField("IpProtocol", kind == 0 ? "-1" : "tcp");
        if (kind != 0) {
            j.writeNumberField("FromPort", port);
            j.writeNumberField("ToPort", kind == 1 ? port + 10 : port);
        }
        j.writeArrayFieldStart("IpRanges");
        if (kind >= 7) {
            j.writeStartObject();
            j.writeStringField("CidrIp", random.nextInt(20) == 0 ? "0.0.0.0/0" : "10." + vpc + "." + random.nextInt(256) + ".0/24");
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("Ipv6Ranges");
        if (kind == 6) {
            j.writeStartObject();
            j.writeStringField("CidrIpv6", "2600:1f18:" + Integer.toHexString(vpc) + "::/56");
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("PrefixListIds");
        if (kind == 5) {
            j.writeStartObject();
            j.writeStringField("PrefixListId", "pl-0partners");
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("UserIdGroupPairs");
        if (kind < 5) {
            int from = random.nextInt(4) == 0 && vpc + 1 < vpcCount ? vpc + 1 : vpc; // the peered VPC one time in four
            int g = groupIn(from);
            j.writeStartObject();
            j.writeStringField("GroupId", groupId(g));
            j.writeStringField("UserId", account(accountOf(vpcOfGroup(g))));
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeEndObject();
    }

    private void writeInterfaces(Path dir, int a) throws IOException {
        List<int[]> attached = new ArrayList<>();
        try (JsonGenerator j = open(dir.resolve("ec2-describe-network-interfaces.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("NetworkInterfaces");
            for (int i = 0; i < sizes.interfaces(); i++) {
                int vpc = i % vpcCount;
                if (accountOf(vpc) != a) {
                    continue;
                }
                int n = i / vpcCount;
                j.writeStartObject();
                j.writeStringField("NetworkInterfaceId", String.format("eni-%08x", i));
                j.writeStringField("OwnerId", account(a));
                j.writeStringField("VpcId", vpcId(vpc));
                j.writeStringField("SubnetId", "subnet-" + vpc);
                j.writeStringField("AvailabilityZone", REGION + "a");
                j.writeStringField("InterfaceType", "interface");
                j.writeBooleanField("RequesterManaged", false);
                j.writeArrayFieldStart("Groups");
                int count = 1 + random.nextInt(3);
                List<Integer> seen = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    int g = groupIn(vpc);
                    if (!seen.contains(g)) {
                        seen.add(g);
                        j.writeStartObject();
                        j.writeStringField("GroupId", groupId(g));
                        j.writeEndObject();
                    }
                }
                j.writeEndArray();
                String ip = "10." + vpc + "." + (1 + n / 250) + "." + (4 + n % 250);
                j.writeArrayFieldStart("PrivateIpAddresses");
                j.writeStartObject();
                j.writeStringField("PrivateIpAddress", ip);
                j.writeBooleanField("Primary", true);
                j.writeEndObject();
                j.writeEndArray();
                if (i % 2 == 0) {
                    j.writeObjectFieldStart("Attachment");
                    j.writeStringField("InstanceId", String.format("i-%08x", i));
                    j.writeEndObject();
                    attached.add(new int[] {i});
                }
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        try (JsonGenerator j = open(dir.resolve("ec2-describe-instances.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("Reservations");
            j.writeStartObject();
            j.writeStringField("OwnerId", account(a));
            j.writeArrayFieldStart("Instances");
            for (int[] i : attached) {
                j.writeStartObject();
                j.writeStringField("InstanceId", String.format("i-%08x", i[0]));
                tags(j, "Tags", "Name", "host-" + i[0]);
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private void writePeerings(Path dir, int a) throws IOException {
        try (JsonGenerator j = open(dir.resolve("ec2-describe-vpc-peering-connections.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("VpcPeeringConnections");
            for (int v = a * sizes.vpcsPerAccount(); v < (a + 1) * sizes.vpcsPerAccount() && v + 1 < vpcCount; v++) {
                j.writeStartObject();
                j.writeStringField("VpcPeeringConnectionId", "pcx-" + v);
                j.writeObjectFieldStart("Status");
                j.writeStringField("Code", "active");
                j.writeEndObject();
                j.writeObjectFieldStart("RequesterVpcInfo");
                j.writeStringField("VpcId", vpcId(v));
                j.writeStringField("OwnerId", account(a));
                j.writeEndObject();
                j.writeObjectFieldStart("AccepterVpcInfo");
                j.writeStringField("VpcId", vpcId(v + 1));
                j.writeStringField("OwnerId", account(accountOf(v + 1)));
                j.writeEndObject();
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private void writeEndpoints(Path dir, int a) throws IOException {
        try (JsonGenerator j = open(dir.resolve("ec2-describe-vpc-endpoints.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("VpcEndpoints");
            for (int v = a * sizes.vpcsPerAccount(); v < (a + 1) * sizes.vpcsPerAccount(); v++) {
                j.writeStartObject();
                j.writeStringField("VpcEndpointId", String.format("vpce-%08x", v));
                j.writeStringField("VpcEndpointType", "Interface");
                j.writeStringField("VpcId", vpcId(v));
                j.writeStringField("OwnerId", account(a));
                j.writeStringField("State", "available");
                j.writeStringField("ServiceName", "com.amazonaws." + REGION + ".execute-api");
                j.writeStringField("PolicyDocument", "{\"Statement\":[{\"Principal\":\"*\",\"Action\":[\"execute-api:Invoke\"],"
                        + "\"Effect\":\"Allow\",\"Resource\":[\"*\"],\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + account(a) + "\"}}}]}");
                j.writeArrayFieldStart("Groups");
                j.writeStartObject();
                j.writeStringField("GroupId", groupId(groupIn(v)));
                j.writeEndObject();
                j.writeEndArray();
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private void writeApis(Path dir, int a) throws IOException {
        try (JsonGenerator j = open(dir.resolve("apigateway-get-rest-apis.json"))) {
            j.writeStartObject();
            j.writeArrayFieldStart("items");
            for (int i = a; i < sizes.apis(); i += sizes.accounts()) {
                String id = String.format("api%07d", i);
                String arn = "arn:aws:execute-api:" + REGION + ":" + account(a) + ":" + id + "/*";
                int endpointVpc = random.nextInt(vpcCount);
                String policy = switch (i % 3) {
                    case 0 -> "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"" + arn + "\"}]}";
                    case 1 -> "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\""
                            + arn + "\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"" + String.format("vpce-%08x", endpointVpc)
                            + "\"}}},{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"" + arn + "\"}]}";
                    default -> "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\""
                            + arn + "\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"" + vpcId(endpointVpc) + "\"}}}]}";
                };
                j.writeStartObject();
                j.writeStringField("id", id);
                j.writeStringField("name", "private-api-" + i);
                j.writeObjectFieldStart("endpointConfiguration");
                j.writeArrayFieldStart("types");
                j.writeString("PRIVATE");
                j.writeEndArray();
                j.writeArrayFieldStart("vpcEndpointIds");
                j.writeString(String.format("vpce-%08x", endpointVpc));
                j.writeEndArray();
                j.writeEndObject();
                j.writeStringField("policy", policy.replace("\"", "\\\"").replace("/", "\\/"));
                j.writeEndObject();
                try (JsonGenerator s = open(dir.resolve("apigateway-get-stages-" + id + ".json"))) {
                    s.writeStartObject();
                    s.writeArrayFieldStart("item");
                    s.writeStartObject();
                    s.writeStringField("stageName", "prod");
                    s.writeEndObject();
                    s.writeEndArray();
                    s.writeEndObject();
                }
            }
            j.writeEndArray();
            j.writeEndObject();
        }
    }

    private static void tags(JsonGenerator j, String field, String key, String value) throws IOException {
        j.writeArrayFieldStart(field);
        j.writeStartObject();
        j.writeStringField("Key", key);
        j.writeStringField("Value", value);
        j.writeEndObject();
        j.writeEndArray();
    }

    private static JsonGenerator open(Path file) throws IOException {
        return JSON.createGenerator(file.toFile(), JsonEncoding.UTF8);
    }
}
