package io.portcullis.bench.engine;

import io.portcullis.config.ConfigLoader;
import io.portcullis.decision.Decision;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Snapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Target: a partner's decision costs what a workload's does (one probe per partner prefix length present, then the
 * group match) and allocates nothing. {@code partners} partners of /24, /26 and /28 ranges in 100.64.0.0/10, one
 * API admitting every partner's group; measures {@link Snapshot#decideIpv4} for addresses cycling over the
 * partners' ranges (allowed) and for addresses beside every range (denied after the probes). Run with
 * {@code -bm sample -prof gc} and read {@code gc.alloc.rate.norm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PartnerDecisionBenchmark {

    private static final int CASES = 1024;
    private static final int[] PREFIXES = {24, 26, 28};

    @Param({"10", "1000"})
    public int partners;

    private Snapshot snapshot;
    private ApiRef api;
    private final int[] inside = new int[CASES];
    private final int[] beside = new int[CASES];
    private final long now = SyntheticConfig.NOW.toEpochMilli();
    private int i;

    @Setup
    public void compile() {
        StringBuilder yaml = new StringBuilder("""
                accounts: [{id: "111111111111", name: bench}]
                vpcs: [{id: vpc-bench, account: "111111111111", cidrs: [10.0.0.0/16]}]
                securityGroups:
                  - id: sg-api
                    account: "111111111111"
                    vpc: vpc-bench
                    ingress: [{protocol: tcp, ports: 8443, from: {group: sg-partners}}]
                  - {id: sg-partners, account: "111111111111", vpc: vpc-bench}
                apis:
                  - {name: api, account: "111111111111", vpc: vpc-bench, listen: "127.0.0.1:8443", securityGroups: [sg-api]}
                partners:
                """);
        int[] base = new int[partners];
        for (int p = 0; p < partners; p++) {
            base[p] = (100 << 24) | (64 << 16) | (p << 8); // one /24 slot of 100.64.0.0/10 each
            int bits = PREFIXES[p % PREFIXES.length];
            yaml.append("  - {id: partner-").append(p).append(", account: \"").append(String.format("%012d", 200_000_000_000L + p))
                    .append("\", cidrs: [").append(dotted(base[p])).append('/').append(bits)
                    .append("], groups: [\"111111111111/sg-partners\"]}\n");
        }
        snapshot = AccessEngine.compile(ConfigLoader.create().loadString(yaml.toString(), "partners.yaml").orThrow()).snapshot();
        api = snapshot.api("api").orElseThrow();
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < CASES; k++) {
            int p = random.nextInt(partners);
            inside[k] = base[p] + random.nextInt(16); // inside even the /28s
            // the last address of the slot is beside a /26 or /28; a /24 fills its slot, so use no partner's slot
            beside[k] = p % PREFIXES.length == 0 ? (100 << 24) | (127 << 16) | p : base[p] + 255;
        }
    }

    private static String dotted(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    @Benchmark
    public Decision partnerAllowed() {
        return snapshot.decideIpv4(api, -1, inside[i++ & (CASES - 1)], 6, 8443, now);
    }

    @Benchmark
    public Decision besideEveryPartnerDenied() {
        return snapshot.decideIpv4(api, -1, beside[i++ & (CASES - 1)], 6, 8443, now);
    }
}
