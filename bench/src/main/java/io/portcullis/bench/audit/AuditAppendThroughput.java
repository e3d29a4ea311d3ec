package io.portcullis.bench.audit;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Durable append throughput of the audit log with group commit every 10 ms: producer threads append as fast as the
 * log admits (backing off 20 µs when it refuses, as a gateway would refuse the request rather than spin); the
 * figure is records made durable
 * (fsynced) per second over the measured window, after a warm-up.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.audit.AuditAppendThroughput
 * [seconds=10] [producers=1] [fsyncMillis=10] [warmupSeconds=3]}
 */
public final class AuditAppendThroughput {

    private AuditAppendThroughput() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int fsyncMillis = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        AuditRecord[] pool = BenchRecords.pool(4096);
        Path dir = BenchRecords.scratch("audit-append");
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder refused = new LongAdder();
        try {
            AuditSettings settings = AuditSettings.builder(dir.resolve("log"), dir.resolve("signing.key"))
                    .fsyncInterval(Duration.ofMillis(fsyncMillis)).checkpointInterval(Duration.ofSeconds(1)).build();
            try (AuditLog log = AuditLog.open(settings)) {
                Thread[] threads = new Thread[producers];
                for (int t = 0; t < producers; t++) {
                    int offset = t * 997;
                    threads[t] = new Thread(() -> {
                        for (int i = offset; !stop.get(); i++) {
                            if (!log.append(pool[i & 4095])) {
                                // A gateway refuses the request and moves on; it does not spin on the log.
                                refused.increment();
                                LockSupport.parkNanos(20_000);
                            }
                        }
                    }, "producer-" + t);
                    threads[t].start();
                }
                Thread.sleep(warmup * 1000L);
                long startDurable = log.durableSize();
                long startRefused = refused.sum();
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long durable = log.durableSize() - startDurable;
                double elapsed = (System.nanoTime() - start) / 1e9;
                long refusals = refused.sum() - startRefused;
                stop.set(true);
                for (Thread t : threads) {
                    t.join();
                }
                System.out.printf("audit append: %d producer(s), fsync every %d ms, %d s measured after %d s warm-up%n",
                        producers, fsyncMillis, seconds, warmup);
                System.out.printf("  durable records/s: %,.0f%n", durable / elapsed);
                System.out.printf("  refused appends (queue full, retried): %,d%n", refusals);
                System.out.printf("  log size at end: %,d bytes (%,.0f bytes/record)%n", BenchRecords.bytes(dir),
                        (double) BenchRecords.bytes(dir) / Math.max(1, log.durableSize()));
            }
        } finally {
            BenchRecords.delete(dir);
        }
    }
}
