package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Snapshot;
import java.util.Arrays;

/**
 * Cross-thread visibility of a membership change: a reader thread decides for one workload in a loop; the
 * writer records the time, moves the workload to (or back from) a group the API does not admit, and the reader
 * records when its decision first reflects the move. Prints the latency distribution over many moves. A plain
 * harness rather than JMH because the quantity is a latency between two threads.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.engine.MembershipVisibility [groups] [moves]}.
 */
public final class MembershipVisibility {

    private static volatile long changedAt;
    private static volatile boolean expected;
    private static volatile long seenAt;
    private static volatile boolean stop;

    private MembershipVisibility() {}

    public static void main(String[] args) throws InterruptedException {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int moves = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        PortcullisConfig config = EngineFixture.config(groups);
        AccessEngine engine = AccessEngine.compile(config);
        Snapshot s = engine.snapshot();
        MembershipMove move = MembershipMove.find(config, engine, new LinearScan(config));
        expected = true;
        Thread reader = new Thread(() -> {
            boolean last = true;
            while (!stop) {
                boolean now = move.admittedNow(s);
                if (now != last) {
                    last = now;
                    seenAt = System.nanoTime();
                }
            }
        }, "reader");
        reader.start();
        long[] latencies = new long[moves];
        for (int i = 0; i < moves; i++) {
            boolean next = !expected;
            seenAt = 0;
            changedAt = System.nanoTime();
            engine.upsertWorkload(next ? move.admitted : move.moved);
            expected = next;
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (seenAt == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (seenAt == 0) {
                throw new IllegalStateException("move " + i + " not visible to the reader within 1 s");
            }
            latencies[i] = seenAt - changedAt;
        }
        stop = true;
        reader.join();
        int warm = moves / 4; // the first quarter warms up the JIT; report the rest
        long[] steady = Arrays.copyOfRange(latencies, warm, moves);
        Arrays.sort(steady);
        System.out.printf("groups=%d workloads=%d moves=%d (after %d warm-up moves): p50=%.1f us p99=%.1f us p99.9=%.1f us max=%.1f us%n",
                groups, config.workloads().size(), moves - warm, warm, pct(steady, 0.50), pct(steady, 0.99), pct(steady, 0.999),
                steady[steady.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1000.0;
    }
}
