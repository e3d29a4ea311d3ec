package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.decision.Decision;
import io.portcullis.engine.AccessEngine;
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
 * Target: a decision's p50 is at most 200 ns and it allocates nothing. Measures
 * {@link Snapshot#decideIpv4} for callers the engine allows and denies (VPC resolved from the address, tcp/8443,
 * schedules evaluated), cycling over 1,024 sampled cases, and the same decisions by {@link LinearScan} for the
 * ratio. Run with {@code -bm sample -prof gc} and read {@code gc.alloc.rate.norm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

    private static final int CASES = 1024;

    @Param({"100", "10000"})
    public int groups;

    private Snapshot snapshot;
    private LinearScan peer;
    private DecisionCases allowed;
    private DecisionCases denied;
    private final long now = SyntheticConfig.NOW.toEpochMilli();
    private int i;

    @Setup
    public void compile() {
        PortcullisConfig config = EngineFixture.config(groups);
        snapshot = AccessEngine.compile(config).snapshot();
        peer = new LinearScan(config);
        allowed = DecisionCases.sample(config, snapshot, peer, true, CASES);
        denied = DecisionCases.sample(config, snapshot, peer, false, CASES);
    }

    @Benchmark
    public Decision engineAllowed() {
        int k = i++ & (CASES - 1);
        return snapshot.decideIpv4(allowed.refs[k], -1, allowed.callers[k], 6, SyntheticConfig.API_PORT, now);
    }

    @Benchmark
    public Decision engineDenied() {
        int k = i++ & (CASES - 1);
        return snapshot.decideIpv4(denied.refs[k], -1, denied.callers[k], 6, SyntheticConfig.API_PORT, now);
    }

    @Benchmark
    public boolean linearScanAllowed() {
        int k = i++ & (CASES - 1);
        return peer.allows(allowed.apis[k], allowed.callers[k], 6, SyntheticConfig.API_PORT, now);
    }

    @Benchmark
    public boolean linearScanDenied() {
        int k = i++ & (CASES - 1);
        return peer.allows(denied.apis[k], denied.callers[k], 6, SyntheticConfig.API_PORT, now);
    }
}
