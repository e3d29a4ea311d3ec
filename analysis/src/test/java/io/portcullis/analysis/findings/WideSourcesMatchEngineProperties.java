package io.portcullis.analysis.findings;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For generated estates (APIs whose groups admit random ranges, some wide, some on other ports, some expired, some
 * inherited through {@code extends}), an address is inside a range PC-NET-001 reports for an API exactly when the
 * engine, on the same estate with only its wide CIDR rules kept, admits that address to the API. Addresses are drawn
 * inside the rules' ranges (to hit them) and anywhere.
 */
class WideSourcesMatchEngineProperties {

    @Property(tries = 40)
    void reportedWideRangesAreWhatTheEngineAdmits(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("wide-props");
        try {
            String yaml = estate(random);
            Estates.write(dir, Estates.NETWORK, yaml);
            List<Finding> findings = Estates.analyze(List.of(dir), AnalysisSettings.DEFAULTS);
            PortcullisConfig config = io.portcullis.config.ConfigLoader.create().load(List.of(dir)).orThrow();
            Snapshot wideOnly = AccessEngine.compile(wideRulesOnly(config)).snapshot();
            List<String> ranges = new ArrayList<>();
            for (int api = 0; api < config.apis().size(); api++) {
                String name = config.apis().get(api).name();
                List<IPAddress> reported = Estates.of(findings, Rules.API_WIDE_SOURCE).stream()
                        .filter(f -> f.resource().key().equals("apis(" + name + ")"))
                        .map(f -> new IPAddressString(f.subject()).getAddress()).toList();
                config.securityGroups().forEach(g -> g.ingress().forEach(r -> {
                    if (r.from() instanceof Peer.Cidr c && c.cidr().indexOf(':') < 0) {
                        ranges.add(c.cidr());
                    }
                }));
                for (int i = 0; i < 60; i++) {
                    IPAddress a = i % 2 == 0 && !ranges.isEmpty() ? inside(ranges.get(random.nextInt(ranges.size())), random)
                            : new IPAddressString(String.join(".", "" + random.nextInt(256), "" + random.nextInt(256),
                                    "" + random.nextInt(256), "" + random.nextInt(256))).getAddress();
                    InetAddress at = a.toInetAddress();
                    boolean engine = wideOnly.decide(name, at, "", 6, config.apis().get(api).listenPort(),
                            Estates.NOW.toEpochMilli()).allowed();
                    boolean analysis = reported.stream().anyMatch(r -> r.contains(a));
                    assertThat(analysis).as("%s → %s (seed %d)%n%s", a, name, seed, yaml).isEqualTo(engine);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Two APIs in vpc-a; each group a few CIDR rules of random width, port and expiry; one group extends another. */
    private static String estate(Random random) {
        StringBuilder y = new StringBuilder("securityGroups:\n");
        for (int g = 0; g < 3; g++) {
            y.append("  - id: sg-").append(g).append("\n    account: \"111111111111\"\n    vpc: vpc-a\n");
            if (g == 2) {
                y.append("    extends: [sg-0]\n");
            }
            y.append("    ingress:\n");
            int rules = 1 + random.nextInt(4);
            for (int r = 0; r < rules; r++) {
                int prefix = random.nextInt(25);
                String base = (random.nextBoolean() ? 10 : random.nextInt(224)) + "." + random.nextInt(256) + ".0.0";
                IPAddress net = new IPAddressString(base + "/" + prefix).getAddress().toPrefixBlock();
                int port = random.nextInt(4) == 0 ? 9000 : 8443;
                String expires = random.nextInt(5) == 0 ? ", expires: \"2026-01-01T00:00:00Z\"" : "";
                y.append("      - {protocol: ").append(random.nextInt(6) == 0 ? "all" : "tcp, ports: " + port)
                        .append(", from: {cidr: ").append(net.toCanonicalString()).append("}").append(expires).append("}\n");
            }
        }
        y.append("apis:\n")
                .append("  - {name: one, account: \"111111111111\", vpc: vpc-a, listen: \"10.1.0.10:8443\", securityGroups: [sg-0, sg-1], upstream: \"http://127.0.0.1:9000\"}\n")
                .append("  - {name: two, account: \"111111111111\", vpc: vpc-a, listen: \"10.1.0.11:8443\", securityGroups: [sg-2], upstream: \"http://127.0.0.1:9000\"}\n");
        return y.toString();
    }

    private static IPAddress inside(String cidr, Random random) {
        IPAddress block = new IPAddressString(cidr).getAddress().toPrefixBlock();
        long size = block.getCount().min(java.math.BigInteger.valueOf(1L << 31)).longValue();
        return block.getLower().increment(Math.floorMod(random.nextLong(), size)).withoutPrefixLength();
    }

    /** The configuration with every group's rules reduced to its CIDR rules wider than /16. */
    private static PortcullisConfig wideRulesOnly(PortcullisConfig c) {
        List<SecurityGroup> groups = c.securityGroups().stream().map(g -> new SecurityGroup(g.id(), g.account(), g.vpc(),
                g.description(), g.owner(), g.tags(), g.ingress().stream().filter(WideSourcesMatchEngineProperties::wide).toList(),
                g.includes(), g.extendsGroups())).toList();
        return new PortcullisConfig(c.accounts(), c.vpcs(), c.connections(), c.vpcEndpoints(), c.prefixLists(), groups,
                c.workloads(), c.partners(), c.apis(), c.awsApis(), c.node());
    }

    private static boolean wide(IngressRule r) {
        return r.from() instanceof Peer.Cidr c && new IPAddressString(c.cidr()).getNetworkPrefixLength() < 16;
    }
}
