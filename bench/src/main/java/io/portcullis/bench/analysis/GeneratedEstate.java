package io.portcullis.bench.analysis;

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
 * A large estate built directly as a configuration (seeded, so every run measures the same one): {@code accounts}
 * accounts with 5 VPCs each, transit gateways joining VPCs in tens, {@code groups} groups spread over the VPCs,
 * {@code interfaces} workloads (one address each) in services of 50 that share a group set (as instances of an
 * auto-scaling group do), one execute-api endpoint per VPC (one in five with an endpoint policy) and
 * {@code privateApis} private APIs in the first account whose resource policies take the shapes AWS documents
 * (allow all, deny unless our endpoint, deny unless our VPC, allow a named role, deny one endpoint).
 *
 * <p>Each VPC's first group is its endpoint's: it admits five of the VPC's service groups and one service group
 * of another VPC of its transit gateway on tcp/443, and a /24 of the VPC by CIDR. The others have one to four rules
 * by group (same VPC) or CIDR on assorted ports.
 */
public final class GeneratedEstate {

    private GeneratedEstate() {}

    public static PortcullisConfig of(int groups, int interfaces, int privateApis, long seed) {
        Random r = new Random(seed);
        int accountsN = 20;
        int vpcsN = accountsN * 5;
        int perVpc = Math.max(2, groups / vpcsN);
        int workloadsPerVpc = interfaces / vpcsN;
        List<Account> accounts = new ArrayList<>();
        for (int a = 0; a < accountsN; a++) {
            accounts.add(new Account(account(a), "account-" + a));
        }
        List<Vpc> vpcs = new ArrayList<>();
        for (int v = 0; v < vpcsN; v++) {
            vpcs.add(new Vpc(vpc(v), account(v / 5), List.of("10." + v + ".0.0/16"), "us-east-1", Map.of()));
        }
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < vpcsN; t += 10) {
            List<String> attached = new ArrayList<>();
            for (int v = t; v < Math.min(vpcsN, t + 10); v++) {
                attached.add(vpc(v));
            }
            connections.add(new Connection(Connection.Type.TRANSIT_GATEWAY, attached));
        }
        List<SecurityGroup> sgs = new ArrayList<>();
        for (int v = 0; v < vpcsN; v++) {
            String acct = account(v / 5);
            List<IngressRule> endpointRules = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                endpointRules.add(rule(443, 443, new Peer.Group(new GroupRef(acct, group(v, 1 + r.nextInt(perVpc - 1))))));
            }
            int other = (v / 10) * 10 + r.nextInt(10);
            endpointRules.add(rule(443, 443, new Peer.Group(new GroupRef(account(other / 5), group(other, 1 + r.nextInt(perVpc - 1))))));
            endpointRules.add(rule(443, 443, new Peer.Cidr("10." + v + "." + r.nextInt(20) + ".0/24")));
            sgs.add(new SecurityGroup(group(v, 0), acct, vpc(v), "execute-api endpoint", "", Map.of(), endpointRules, List.of(), List.of()));
            for (int g = 1; g < perVpc; g++) {
                List<IngressRule> ingress = new ArrayList<>();
                for (int n = 1 + r.nextInt(4); n > 0; n--) {
                    int port = new int[] {22, 443, 5432, 8080}[r.nextInt(4)];
                    ingress.add(rule(port, port, r.nextBoolean() ? new Peer.Group(new GroupRef(acct, group(v, 1 + r.nextInt(perVpc - 1))))
                            : new Peer.Cidr("10." + v + "." + r.nextInt(256) + ".0/24")));
                }
                sgs.add(new SecurityGroup(group(v, g), acct, vpc(v), "", "", Map.of(), ingress, List.of(), List.of()));
            }
        }
        List<Workload> workloads = new ArrayList<>(interfaces);
        for (int v = 0; v < vpcsN; v++) {
            String acct = account(v / 5);
            List<GroupRef> service = List.of();
            for (int w = 0; w < workloadsPerVpc; w++) {
                if (w % 50 == 0) {
                    GroupRef first = new GroupRef(acct, group(v, 1 + r.nextInt(perVpc - 1)));
                    GroupRef second = new GroupRef(acct, group(v, 1 + r.nextInt(perVpc - 1)));
                    service = r.nextBoolean() || first.equals(second) ? List.of(first) : List.of(first, second);
                }
                workloads.add(new Workload("i-" + v + "-" + w, acct, vpc(v), List.of("10." + v + "." + (w / 250) + "." + (w % 250 + 1)),
                        service, Map.of()));
            }
        }
        List<VpcEndpoint> endpoints = new ArrayList<>();
        for (int v = 0; v < vpcsN; v++) {
            Optional<PolicySource> policy = v % 5 == 4 ? Optional.of(new PolicySource("{\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:"
                    + account(0) + ":" + apiId(r.nextInt(privateApis)) + "/*\"}]}", "")) : Optional.empty();
            endpoints.add(new VpcEndpoint(endpoint(v), vpc(v), account(v / 5), "com.amazonaws.us-east-1.execute-api",
                    List.of(new GroupRef(account(v / 5), group(v, 0))), policy, Map.of()));
        }
        List<AwsApi> apis = new ArrayList<>();
        for (int a = 0; a < privateApis; a++) {
            apis.add(new AwsApi(apiId(a), "api-" + a, account(0), "us-east-1", List.of("PRIVATE"), List.of(),
                    Optional.of(new PolicySource(policy(a, r, vpcsN), "")), List.of("prod"), Map.of()));
        }
        List<Api> portcullis = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            portcullis.add(new Api("papi-" + p, account(p / 5), vpc(p), "10." + p + ".255.1", 8443,
                    List.of(new GroupRef(account(p / 5), group(p, 1)))));
        }
        return new PortcullisConfig(accounts, vpcs, connections, endpoints, List.of(), sgs, workloads, List.of(), portcullis, apis,
                NodeConfig.NONE);
    }

    private static String policy(int a, Random r, int vpcs) {
        String allow = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}";
        String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\",";
        String statements = switch (a % 5) {
            case 0 -> allow;
            case 1 -> allow + "," + deny + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":[\"" + endpoint(r.nextInt(vpcs))
                    + "\",\"" + endpoint(r.nextInt(vpcs)) + "\"]}}}";
            case 2 -> allow + "," + deny + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpc\":\"" + vpc(r.nextInt(vpcs)) + "\"}}}";
            case 3 -> "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account(1 + r.nextInt(19))
                    + ":role/reader\"},\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/prod/GET/*\"}";
            default -> allow + "," + deny + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"" + endpoint(r.nextInt(vpcs)) + "\"}}}";
        };
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    private static IngressRule rule(int from, int to, Peer peer) {
        return new IngressRule(Protocol.TCP, new PortRange(from, to), peer, Optional.empty(), Optional.empty(), "");
    }

    static String account(int a) {
        return String.format("%012d", 100_000_000_000L + a);
    }

    static String vpc(int v) {
        return String.format("vpc-%08x", v);
    }

    static String group(int v, int g) {
        return String.format("sg-%04x%04x", v, g);
    }

    static String endpoint(int v) {
        return String.format("vpce-%08x", v);
    }

    static String apiId(int a) {
        return String.format("gen%07d", a);
    }
}
