package io.portcullis.bench.audit;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Wall-clock time of {@code AuditVerifier.verify} (what {@code portcullis audit verify} runs) over a log of N
 * records, best and each of several runs. The log is written first with the real writer (checkpoints every 100 ms).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.audit.AuditVerifyTiming
 * [records=1000000] [runs=3] [keepDir]}; with {@code keepDir} the log and its key stay there, to time
 * {@code portcullis audit verify keepDir/log --key keepDir/signing.key} end to end.
 */
public final class AuditVerifyTiming {

    private AuditVerifyTiming() {}

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AuditRecord[] pool = BenchRecords.pool(4096);
        Path keep = args.length > 2 ? Path.of(args[2]) : null;
        Path dir = keep == null ? BenchRecords.scratch("audit-verify") : BenchRecords.scratch(keep);
        try {
            Path log = dir.resolve("log");
            AuditSettings settings = AuditSettings.builder(log, dir.resolve("signing.key"))
                    .checkpointInterval(Duration.ofMillis(100)).build();
            try (AuditLog audit = AuditLog.open(settings)) {
                for (long i = 0; i < n; ) {
                    if (audit.append(pool[(int) (i & 4095)])) {
                        i++;
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
            PublicKey key = AuditKeys.readSigningKey(dir.resolve("signing.key")).getPublic();
            System.out.printf("audit verify: %,d records, %,d bytes on disk%n", n, BenchRecords.bytes(log));
            double best = Double.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                VerificationResult result = AuditVerifier.verify(log, key);
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.min(best, seconds);
                if (!result.intact() || result.records() != n) {
                    throw new IllegalStateException("verify did not see an intact log of " + n + ": " + result);
                }
                System.out.printf("  run %d: %.2f s (%d checkpoints verified)%n", r + 1, seconds, result.checkpoints());
            }
            System.out.printf("  best: %.2f s%n", best);
        } finally {
            if (keep == null) {
                BenchRecords.delete(dir);
            }
        }
    }
}
