package io.portcullis.runtime.reach;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortRange;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.node.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Small random estates for the who-can-invoke property: a few VPCs in three accounts, some peered or on a transit
 * gateway, groups with rules by group (same or connected VPC), CIDR and port, workloads with one or two addresses,
 * execute-api endpoints (some without groups, some of another region, some with endpoint policies) and private
 * APIs whose resource policies come from the shapes AWS documents.
 */
public final class RandomEstate {

    static final String[] ACCOUNTS = {"111111111111", "222222222222", "333333333333"};

    private RandomEstate() {}

    public static PortcullisConfig of(long seed) {
        Random r = new Random(seed);
        int nv = 2 + r.nextInt(3);
        List<Vpc> vpcs = new ArrayList<>();
        for (int i = 0; i < nv; i++) {
            vpcs.add(new Vpc("vpc-" + i, ACCOUNTS[r.nextInt(3)], List.of("10." + i + ".0.0/16"), "us-east-1", Map.of()));
        }
        List<Connection> connections = new ArrayList<>();
        boolean[][] connected = new boolean[nv][nv];
        for (int i = 0; i < nv; i++) {
            for (int j = i + 1; j < nv; j++) {
                if (r.nextInt(4) == 0) {
                    connections.add(new Connection(Connection.Type.PEERING, List.of("vpc-" + i, "vpc-" + j)));
                    connected[i][j] = connected[j][i] = true;
                }
            }
        }
        if (nv >= 3 && r.nextBoolean()) {
            connections.add(new Connection(Connection.Type.TRANSIT_GATEWAY, List.of("vpc-0", "vpc-1", "vpc-2")));
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    connected[i][j] = true;
                }
            }
        }
        int[] groupsIn = new int[nv];
        for (int i = 0; i < nv; i++) {
            groupsIn[i] = 2 + r.nextInt(3);
        }
        List<SecurityGroup> groups = new ArrayList<>();
        for (int i = 0; i < nv; i++) {
            for (int k = 0; k < groupsIn[i]; k++) {
                List<IngressRule> ingress = new ArrayList<>();
                for (int n = r.nextInt(4); n > 0; n--) {
                    ingress.add(new IngressRule(r.nextInt(5) == 0 ? Protocol.ALL : Protocol.TCP, ports(r), peer(r, i, nv, connected,
                            groupsIn, vpcs), Optional.empty(), Optional.empty(), ""));
                }
                groups.add(new SecurityGroup("sg-" + i + "x" + k, vpcs.get(i).account(), "vpc-" + i, "", "", Map.of(), ingress,
                        List.of(), List.of()));
            }
        }
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < nv; i++) {
            for (int w = r.nextInt(6); w > 0; w--) {
                List<String> addresses = new ArrayList<>(List.of("10." + i + "." + w + ".10"));
                if (r.nextInt(3) == 0) {
                    addresses.add("10." + i + ".200." + w);
                }
                workloads.add(new Workload("w" + i + "x" + w, vpcs.get(i).account(), "vpc-" + i, addresses,
                        someGroups(r, i, groupsIn, vpcs), Map.of()));
            }
        }
        int apis = 1 + r.nextInt(3);
        List<VpcEndpoint> endpoints = new ArrayList<>();
        for (int e = 1 + r.nextInt(3); e > 0; e--) {
            int v = r.nextInt(nv);
            String region = r.nextInt(8) == 0 ? "us-west-2" : "us-east-1";
            Optional<PolicySource> policy = switch (r.nextInt(4)) {
                case 0 -> Optional.of(new PolicySource("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":"
                        + "\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111111111111:" + apiId(r.nextInt(apis))
                        + "/*\"}]}", ""));
                case 1 -> Optional.of(new PolicySource("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\","
                        + "\"Resource\":\"arn:aws:execute-api:us-east-1:111111111111:*/dev/*\"}]}", ""));
                default -> Optional.empty();
            };
            endpoints.add(new VpcEndpoint("vpce-" + e, "vpc-" + v, vpcs.get(v).account(), "com.amazonaws." + region + ".execute-api",
                    someGroups(r, v, groupsIn, vpcs), policy, Map.of()));
        }
        List<AwsApi> awsApis = new ArrayList<>();
        for (int a = 0; a < apis; a++) {
            String vpce = "vpce-" + (1 + r.nextInt(endpoints.size()));
            String vpc = "vpc-" + r.nextInt(nv);
            String allow = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}";
            String statements = switch (r.nextInt(7)) {
                case 0 -> allow;
                case 1 -> allow + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":"
                        + "\"execute-api:/*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"" + vpce + "\"}}}";
                case 2 -> allow + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":"
                        + "\"execute-api:/*\",\"Condition\":{\"StringNotEquals\":{\"aws:sourceVpc\":\"" + vpc + "\"}}}";
                case 3 -> "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":"
                        + "\"execute-api:/prod/GET/*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"" + vpce + "\"}}}";
                case 4 -> allow + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":"
                        + "\"execute-api:/*/POST/*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"" + vpce + "\"}}}";
                case 5 -> allow + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":"
                        + "\"execute-api:/*\",\"Condition\":{\"IpAddress\":{\"aws:VpcSourceIp\":[\"10." + r.nextInt(nv) + "."
                        + r.nextInt(6) + ".0/24\",\"10." + r.nextInt(nv) + ".200.0/24\"]}}}";
                default -> "";
            };
            Optional<PolicySource> policy = statements.isEmpty() ? Optional.empty()
                    : Optional.of(new PolicySource("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", ""));
            awsApis.add(new AwsApi(apiId(a), "api" + a, ACCOUNTS[0], "us-east-1", List.of("PRIVATE"), List.of(), policy,
                    List.of("prod"), Map.of()));
        }
        List<Api> portcullis = List.of(new Api("papi", vpcs.get(0).account(), "vpc-0", "10.0.255.1", 443,
                List.of(new GroupRef(vpcs.get(0).account(), "sg-0x0"))));
        List<Account> accounts = List.of(new Account(ACCOUNTS[0], "a"), new Account(ACCOUNTS[1], "b"), new Account(ACCOUNTS[2], "c"));
        return new PortcullisConfig(accounts, vpcs, connections, endpoints, List.of(), groups, workloads, List.of(), portcullis,
                awsApis, NodeConfig.NONE);
    }

    static String apiId(int a) {
        return String.format("apix%06d", a);
    }

    private static PortRange ports(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> new PortRange(443, 443);
            case 1 -> new PortRange(80, 8080);
            default -> new PortRange(22, 22);
        };
    }

    private static Peer peer(Random r, int vpc, int nv, boolean[][] connected, int[] groupsIn, List<Vpc> vpcs) {
        int kind = r.nextInt(4);
        if (kind <= 1) {
            List<Integer> candidates = new ArrayList<>();
            for (int j = 0; j < nv; j++) {
                if (j == vpc || connected[vpc][j]) {
                    candidates.add(j);
                }
            }
            int j = candidates.get(r.nextInt(candidates.size()));
            return new Peer.Group(new GroupRef(vpcs.get(j).account(), "sg-" + j + "x" + r.nextInt(groupsIn[j])));
        }
        return new Peer.Cidr(switch (r.nextInt(3)) {
            case 0 -> "10." + r.nextInt(nv) + ".0.0/16";
            case 1 -> "10." + r.nextInt(nv) + "." + r.nextInt(6) + ".0/24";
            default -> "0.0.0.0/0";
        });
    }

    private static List<GroupRef> someGroups(Random r, int vpc, int[] groupsIn, List<Vpc> vpcs) {
        List<GroupRef> out = new ArrayList<>();
        for (int n = r.nextInt(3); n > 0; n--) {
            GroupRef g = new GroupRef(vpcs.get(vpc).account(), "sg-" + vpc + "x" + r.nextInt(groupsIn[vpc]));
            if (!out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }
}
