package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
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
 * Target: a membership change is visible to decisions within 1 ms. Each operation moves one workload between
 * a group the API admits and one it does not ({@link AccessEngine#upsertWorkload}) and then decides for that
 * workload, failing if the decision does not reflect the move: the time from the start of the change until a
 * decision on the same thread reflects it. {@link MembershipVisibility} measures the cross-thread case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MembershipBenchmark {

    @Param({"100", "10000"})
    public int groups;

    private AccessEngine engine;
    private Snapshot snapshot;
    private MembershipMove move;
    private boolean admitted = true;

    @Setup
    public void compile() {
        PortcullisConfig config = EngineFixture.config(groups);
        engine = AccessEngine.compile(config);
        snapshot = engine.snapshot();
        move = MembershipMove.find(config, engine, new LinearScan(config));
    }

    @Benchmark
    public boolean moveThenDecide() {
        admitted = !admitted;
        engine.upsertWorkload(admitted ? move.admitted : move.moved);
        boolean seen = move.admittedNow(snapshot);
        if (seen != admitted) {
            throw new IllegalStateException("decision does not reflect the move (expected admitted=" + admitted + ")");
        }
        return seen;
    }
}
