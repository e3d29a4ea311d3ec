package io.portcullis.site;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortRange;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.Workload;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A seeded estate of {@code groups} groups for the site's tests: ten accounts of two peered VPCs each; per VPC one
 * API group guarding one API, tier groups that include member groups (nesting two deep), member groups carried by
 * workloads. API rules name tiers of the same VPC, a member group of the peered VPC (cross-account when the pair
 * spans accounts), a CIDR, a scheduled rule and an exception that expires, so every kind of reach is present. Accounts
 * carry a tier ({@code core} or {@code edge}) and a tenant (two accounts each); tier groups their own tier tag.
 */
final class GeneratedEstate {

    private GeneratedEstate() {}

    static PortcullisConfig of(int groups, long seed) {
        Random r = new Random(seed);
        int vpcsN = 20;
        int perVpc = Math.max(8, groups / vpcsN);
        List<Account> accounts = new ArrayList<>();
        List<Vpc> vpcs = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        List<SecurityGroup> sgs = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        List<Api> apis = new ArrayList<>();
        for (int a = 0; a < vpcsN / 2; a++) {
            accounts.add(new Account(account(a), "tenant-" + a, Map.of("tier", a % 3 == 0 ? "core" : "edge", "tenant", "tenant-" + a / 2)));
        }
        for (int v = 0; v < vpcsN; v++) {
            vpcs.add(new Vpc(vpc(v), account(v / 2), List.of("10." + v + ".0.0/16"), "", Map.of()));
            if (v % 2 == 1) {
                connections.add(new Connection(Connection.Type.PEERING, List.of(vpc(v - 1), vpc(v))));
            }
        }
        int tiers = Math.max(2, perVpc / 10);
        int members = perVpc - 1 - tiers;
        for (int v = 0; v < vpcsN; v++) {
            String acct = account(v / 2);
            int peer = v % 2 == 0 ? v + 1 : v - 1;
            int n = 0; // the VPC's next workload address
            for (int t = 0; t < tiers; t++) {
                List<GroupRef> includes = new ArrayList<>();
                for (int m = t; m < members; m += tiers) {
                    includes.add(new GroupRef(acct, group(v, "m", m)));
                }
                if (t + 1 < tiers && r.nextInt(3) == 0) {
                    includes.add(new GroupRef(acct, group(v, "t", t + 1))); // nesting two deep
                }
                sgs.add(new SecurityGroup(group(v, "t", t), acct, vpc(v), "tier " + t, "team-" + t + "@example.com",
                        Map.of("tier", "t" + t), List.of(), includes, List.of(), "callers of tier " + t));
            }
            for (int m = 0; m < members; m++) {
                sgs.add(new SecurityGroup(group(v, "m", m), acct, vpc(v), "service " + m, "", Map.of(), List.of(), List.of(), List.of()));
                int count = r.nextInt(3);
                for (int w = 0; w < count; w++) {
                    List<GroupRef> carried = r.nextInt(4) == 0
                            ? List.of(new GroupRef(acct, group(v, "m", m)), new GroupRef(acct, group(v, "m", r.nextInt(members))))
                            : List.of(new GroupRef(acct, group(v, "m", m)));
                    workloads.add(new Workload("w-" + v + "-" + m + "-" + w, acct, vpc(v),
                            List.of("10." + v + "." + (n / 250) + "." + (n % 250 + 1)), carried.stream().distinct().toList(), Map.of()));
                    n++;
                }
            }
            List<IngressRule> rules = new ArrayList<>();
            rules.add(rule(8443, new Peer.Group(new GroupRef(acct, group(v, "t", 0))), Optional.empty(), Optional.empty(), "tier 0 calls it"));
            rules.add(rule(8443, new Peer.Group(new GroupRef(account(peer / 2), group(peer, "m", r.nextInt(members)))), Optional.empty(),
                    Optional.empty(), "the peer's service"));
            rules.add(rule(8443, new Peer.Cidr("10." + v + ".250.0/24"), Optional.empty(), Optional.empty(), "operators"));
            rules.add(rule(8443, new Peer.Group(new GroupRef(acct, group(v, "t", tiers - 1))),
                    Optional.of(new Schedule(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(1, 0), LocalTime.of(5, 0), ZoneId.of("UTC"))),
                    Optional.empty(), "weekend batch"));
            rules.add(new IngressRule(Protocol.TCP, new PortRange(8443, 8443), new Peer.Group(new GroupRef(acct, group(v, "m", r.nextInt(members)))),
                    Optional.empty(), Optional.of(Instant.parse(v % 2 == 0 ? "2026-01-01T00:00:00Z" : "2027-03-31T00:00:00Z")),
                    "migration", "until the migration (MIG-" + v + ")", true));
            sgs.add(new SecurityGroup(group(v, "api", 0), acct, vpc(v), "API " + v, "platform@example.com", Map.of(), rules, List.of(),
                    List.of(), "guards api-" + v));
            apis.add(new Api("api-" + v, acct, vpc(v), "10." + v + ".255.1", 8443, List.of(new GroupRef(acct, group(v, "api", 0)))));
        }
        return new PortcullisConfig(accounts, vpcs, connections, List.of(), List.of(), sgs, workloads, apis);
    }

    private static IngressRule rule(int port, Peer from, Optional<Schedule> schedule, Optional<Instant> expires, String why) {
        return new IngressRule(Protocol.TCP, new PortRange(port, port), from, schedule, expires, "", why, false);
    }

    static String account(int a) {
        return String.format("%012d", 100000000000L + a);
    }

    static String vpc(int v) {
        return "vpc-" + v;
    }

    static String group(int v, String kind, int n) {
        return "sg-" + v + "-" + kind + "-" + n;
    }
}
