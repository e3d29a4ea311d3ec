package io.portcullis.bench.engine;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A realistic synthetic configuration as YAML text, loaded through {@link ConfigLoader} so every benchmark runs
 * on a configuration the validator accepts.
 *
 * <p>Shape: 5 accounts, 10 VPCs (one /16 each) joined by a transit gateway (VPCs 0-5) and three peerings;
 * {@code groups} security groups spread over the VPCs in blocks of ten: seven leaf groups that workloads carry,
 * two "mid" groups that include leaves, one "top" group that includes the mids and extends its VPC's baseline
 * group; a few leaves extend a sibling. {@code rules} ingress rules spread evenly over the groups: 60% group
 * references (a sixth of them to a connected VPC in another account), 25% CIDRs (VPC subnets, external ranges,
 * single hosts), 15% prefix lists; about 1% scheduled, 1% with a future expiry, 0.5% expired. Each workload
 * carries one or two leaf groups of its VPC; each API (one per five groups) attaches five groups of its VPC,
 * so every rule is compiled into some API. Deterministic for a given scale.
 */
public final class SyntheticConfig {

    static final int ACCOUNTS = 5;
    static final int VPCS = 10;
    static final int API_PORT = 8443;
    /** Groups per generated file (and ten times as many workloads), well under the loader's 16 Mi cap. */
    static final int CHUNK = 2_000;
    /** Wednesday 10:00 UTC: scheduled rules (weekdays 08:00-18:00 London) are in force. */
    static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");

    private SyntheticConfig() {}

    /** The scale of a synthetic configuration. */
    public record Scale(int groups, int workloads, int rules) {
        public Scale {
            if (groups < VPCS * 10 || groups % (VPCS * 10) != 0) {
                throw new IllegalArgumentException("groups: " + groups + " (expected: a positive multiple of " + VPCS * 10 + ")");
            }
            if (workloads < VPCS || workloads > VPCS * 60_000) {
                throw new IllegalArgumentException("workloads: " + workloads + " (expected: " + VPCS + ".." + VPCS * 60_000 + ")");
            }
            if (rules < groups) {
                throw new IllegalArgumentException("rules: " + rules + " (expected: >= groups " + groups + ")");
            }
        }

        /** The scale for {@code groups}: ten workloads and ten rules per group. */
        public static Scale of(int groups) {
            return new Scale(groups, groups * 10, groups * 10);
        }
    }

    /**
     * Generates the configuration as a directory of YAML files (the loader caps one file at 16 Mi code points,
     * and a large estate is kept in several files anyway), loads and validates it; fails loudly if the validator
     * rejects the generated text. The files are deleted afterwards.
     */
    public static PortcullisConfig load(Scale scale) {
        try {
            Path dir = Files.createTempDirectory("portcullis-synthetic-");
            try {
                List<String> files = yaml(scale);
                for (int i = 0; i < files.size(); i++) {
                    Files.writeString(dir.resolve(String.format("%03d.yaml", i)), files.get(i));
                }
                ValidationReport report = ConfigLoader.withClock(Clock.fixed(NOW, ZoneOffset.UTC)).load(dir);
                if (!report.valid()) {
                    throw new IllegalStateException("synthetic configuration is invalid: "
                            + report.errors().subList(0, Math.min(5, report.errors().size())));
                }
                return report.config().orElseThrow();
            } finally {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path f : s.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String account(int a) {
        return String.format("%012d", 210_000_000_000L + a);
    }

    static int accountOfVpc(int v) {
        return v % ACCOUNTS;
    }

    static String vpc(int v) {
        return "vpc-s" + v;
    }

    static String group(int g) {
        return "sg-" + Integer.toHexString(0x100000 + g);
    }

    static int vpcOfGroup(int g) {
        return g % VPCS;
    }

    /** The group at position {@code k} of VPC {@code v}. */
    static int groupAt(int k, int v) {
        return k * VPCS + v;
    }

    /** The address of workload {@code w}: 10.VPC.x.y, unique per VPC. */
    static int address(int w) {
        int n = w / VPCS;
        return (10 << 24) | ((w % VPCS) << 16) | ((n / 250) << 8) | (n % 250 + 1);
    }

    /** Whether VPCs a and b are connected (mirrors the connections section). */
    static boolean connected(int a, int b) {
        return a == b || (a < 6 && b < 6) || pair(a, b, 6, 7) || pair(a, b, 8, 9) || pair(a, b, 0, 8);
    }

    private static boolean pair(int a, int b, int x, int y) {
        return (a == x && b == y) || (a == y && b == x);
    }

    /** The configuration as YAML documents, each under the loader's size cap; sections repeat across documents. */
    static List<String> yaml(Scale s) {
        List<String> files = new ArrayList<>();
        StringBuilder y = new StringBuilder();
        SplittableRandom rnd = new SplittableRandom(42);
        y.append("accounts:\n");
        for (int a = 0; a < ACCOUNTS; a++) {
            y.append("  - {id: '").append(account(a)).append("', name: tenant-").append(a).append("}\n");
        }
        y.append("vpcs:\n");
        for (int v = 0; v < VPCS; v++) {
            y.append("  - {id: ").append(vpc(v)).append(", account: '").append(account(accountOfVpc(v)))
                    .append("', cidrs: [10.").append(v).append(".0.0/16]}\n");
        }
        y.append("connections:\n  - {type: transit-gateway, vpcs: [vpc-s0, vpc-s1, vpc-s2, vpc-s3, vpc-s4, vpc-s5]}\n")
                .append("  - {type: peering, vpcs: [vpc-s6, vpc-s7]}\n  - {type: peering, vpcs: [vpc-s8, vpc-s9]}\n")
                .append("  - {type: peering, vpcs: [vpc-s0, vpc-s8]}\n");
        y.append("vpcEndpoints:\n");
        for (int v = 0; v < VPCS; v++) {
            y.append("  - {id: vpce-s").append(v).append(", vpc: ").append(vpc(v)).append("}\n");
        }
        y.append("prefixLists:\n");
        for (int p = 0; p < 20; p++) {
            y.append("  - {id: pl-s").append(p).append(", cidrs: [172.20.").append(p).append(".0/24, 192.168.")
                    .append(p).append(".0/24, 10.").append(p % VPCS).append('.').append(200 + p).append(".0/24]}\n");
        }
        int perVpc = s.groups() / VPCS;
        for (int g = 0; g < s.groups(); g++) {
            if (g % CHUNK == 0) {
                y = next(files, y).append("securityGroups:\n");
            }
            groupYaml(y, s, g, perVpc, rnd);
        }
        for (int w = 0; w < s.workloads(); w++) {
            if (w % (CHUNK * 10) == 0) {
                y = next(files, y).append("workloads:\n");
            }
            int v = w % VPCS;
            int leafA = groupAt(rnd.nextInt(perVpc / 10) * 10 + rnd.nextInt(7), v);
            int leafB = groupAt(rnd.nextInt(perVpc / 10) * 10 + rnd.nextInt(7), v);
            int a = address(w);
            y.append("  - {id: i-").append(Integer.toHexString(0x1000000 + w)).append(", account: '").append(account(accountOfVpc(v)))
                    .append("', vpc: ").append(vpc(v)).append(", addresses: [").append(a >>> 24).append('.').append((a >>> 16) & 255)
                    .append('.').append((a >>> 8) & 255).append('.').append(a & 255).append("], groups: [").append(group(leafA));
            if (w % 3 == 0 && leafB != leafA) {
                y.append(", ").append(group(leafB));
            }
            y.append("], labels: {team: team-").append(w % 50).append("}}\n");
        }
        y = next(files, y).append("apis:\n");
        for (int n = 0; n < s.groups() / 5; n++) {
            int v = n % VPCS;
            int first = (n / VPCS) * 5;
            y.append("  - {name: api-").append(n).append(", account: '").append(account(accountOfVpc(v))).append("', vpc: ")
                    .append(vpc(v)).append(", listen: 'api-").append(n).append(".internal:").append(API_PORT).append("', securityGroups: [");
            for (int k = first; k < first + 5; k++) {
                y.append(k == first ? "" : ", ").append(group(groupAt(k, v)));
            }
            y.append("]}\n");
        }
        next(files, y);
        return files;
    }

    private static StringBuilder next(List<String> files, StringBuilder current) {
        if (current.length() > 0) {
            files.add(current.toString());
        }
        return new StringBuilder(1 << 20);
    }

    private static void groupYaml(StringBuilder y, Scale s, int g, int perVpc, SplittableRandom rnd) {
        int v = vpcOfGroup(g);
        int k = g / VPCS;
        int base = k - k % 10;
        int role = k % 10;
        y.append("  - id: ").append(group(g)).append("\n    account: '").append(account(accountOfVpc(v)))
                .append("'\n    vpc: ").append(vpc(v)).append("\n    description: synthetic group ").append(g)
                .append("\n    owner: team-").append(g % 50).append("\n    tags: {tier: ").append(role < 7 ? "leaf" : role < 9 ? "mid" : "top").append("}\n");
        if (role == 7 || role == 8 || role == 9) {
            int from = role == 7 ? base : role == 8 ? base + 4 : base + 7;
            int to = role == 7 ? base + 3 : role == 8 ? base + 6 : base + 8;
            y.append("    includes: [");
            for (int c = from; c <= to; c++) {
                y.append(c == from ? "" : ", ").append(group(groupAt(c, v)));
            }
            y.append("]\n");
        }
        if (role == 9 && k != 9) {
            y.append("    extends: [").append(group(groupAt(9, v))).append("]\n");
        } else if (role == 5) {
            y.append("    extends: [").append(group(groupAt(k - 1, v))).append("]\n");
        }
        int count = s.rules() / s.groups() + (g < s.rules() % s.groups() ? 1 : 0);
        if (count > 0) {
            y.append("    ingress:\n");
        }
        for (int i = 0; i < count; i++) {
            ruleYaml(y, g * 31 + i, v, perVpc, rnd);
        }
    }

    private static void ruleYaml(StringBuilder y, int j, int v, int perVpc, SplittableRandom rnd) {
        String ports = switch (j % 6) {
            case 0, 1, 2 -> "protocol: tcp, ports: " + API_PORT;
            case 3 -> "protocol: tcp, ports: '8000-8999'";
            case 4 -> "protocol: tcp, ports: 443";
            default -> j % 12 == 5 ? "protocol: udp, ports: 53" : "protocol: all";
        };
        y.append("      - {").append(ports).append(", from: {");
        int kind = j % 20;
        if (kind < 12) {
            int tv = v;
            if (kind >= 10) {
                do {
                    tv = rnd.nextInt(VPCS);
                } while (tv == v || !connected(v, tv));
            }
            int target = groupAt(rnd.nextInt(perVpc), tv);
            y.append("group: '");
            if (accountOfVpc(tv) != accountOfVpc(v)) {
                y.append(account(accountOfVpc(tv))).append('/');
            }
            y.append(group(target)).append('\'');
        } else if (kind < 17) {
            switch (j % 4) {
                case 0 -> y.append("cidr: 10.").append(v).append('.').append(rnd.nextInt(40)).append(".0/24");
                case 1 -> y.append("cidr: 172.").append(16 + rnd.nextInt(8)).append('.').append(rnd.nextInt(256)).append(".0/24");
                case 2 -> y.append("cidr: 10.").append(v).append('.').append(rnd.nextInt(40)).append('.').append(1 + rnd.nextInt(250)).append("/32");
                default -> y.append("cidr: 198.51.100.0/24");
            }
        } else {
            y.append("prefixList: pl-s").append(rnd.nextInt(20));
        }
        y.append('}');
        if (j % 97 == 0) {
            y.append(", schedule: {days: [mon, tue, wed, thu, fri], from: '08:00', to: '18:00', zone: Europe/London}");
        }
        if (j % 89 == 0) {
            y.append(", expires: '2030-01-01T00:00:00Z'");
        } else if (j % 179 == 0) {
            y.append(", expires: '2025-01-01T00:00:00Z'");
        }
        y.append(", description: synthetic rule ").append(j).append("}\n");
    }
}
