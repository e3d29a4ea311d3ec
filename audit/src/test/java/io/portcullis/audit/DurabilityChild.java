package io.portcullis.audit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link KillDurabilityTest} kills: appends records {@code req-0, req-1, ...} as fast as the log takes
 * them and prints {@code durable N} whenever the durable count grows. A printed N is an acknowledgement: records
 * 0..N-1 must survive kill -9.
 */
public final class DurabilityChild {

    private DurabilityChild() {}

    public static void main(String[] args) throws Exception {
        AuditSettings settings = AuditSettings.builder(Path.of(args[0]), Path.of(args[1]))
                .fsyncInterval(Duration.ofMillis(5)).checkpointInterval(Duration.ofMillis(50)).build();
        AuditLog log = AuditLog.open(settings);
        long next = 0;
        long acked = 0;
        while (true) {
            for (int i = 0; i < 256; i++) {
                if (log.append(TestLogs.record(next))) {
                    next++;
                } else {
                    Thread.onSpinWait();
                }
            }
            long durable = log.durableSize();
            if (durable > acked) {
                acked = durable;
                System.out.println("durable " + acked);
                System.out.flush();
            }
        }
    }
}
