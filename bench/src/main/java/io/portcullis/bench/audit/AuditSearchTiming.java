package io.portcullis.bench.audit;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.read.AuditExport;
import io.portcullis.audit.read.AuditSearch;
import io.portcullis.audit.read.RecordFilter;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Verdict;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall-clock time of {@code AuditSearch.search} ({@code portcullis audit search}) and {@code AuditExport}
 * ({@code portcullis audit export}, one pass) over a log of N records, output counted and discarded. Record i is
 * written at t0 + i ms on the log's own clock (so segments carry the times their records have, as in a node), with
 * fields that vary: API (1 in 3 {@code ledger}), workload (5), source address (800), principal, verdict (about 1 in
 * 5 denied). The log is written first with the real writer and 64 MiB segments.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.audit.AuditSearchTiming
 * [records=1000000] [runs=3] [keepDir]}; with {@code keepDir} the log stays there (to time {@code portcullis audit
 * search keepDir/log ...} end to end), and a log already there is searched instead of written again. Each search
 * reports its first run (a cold JIT, as a command line's) and its best.
 */
public final class AuditSearchTiming {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Decision ALLOW = Decision.allow(new Reason(Layer.POLICY, "statement-allows"),
            "policy[0] Statement[1] (AllowFromVpc)", "allowed by resource policy");
    private static final Decision DENY = Decision.deny(new Reason(Layer.NETWORK, "no-matching-rule"), "",
            "no rule of [111111111111/sg-api] admits the source");

    private AuditSearchTiming() {}

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path keep = args.length > 2 ? Path.of(args[2]) : null;
        boolean reuse = keep != null && java.nio.file.Files.isDirectory(keep.resolve("log"));
        Path dir = reuse ? keep : keep == null ? BenchRecords.scratch("audit-search") : BenchRecords.scratch(keep);
        try {
            Path log = dir.resolve("log");
            if (!reuse) {
                write(log, dir.resolve("signing.key"), n);
            }
            System.out.printf("audit search: %,d records, %,d bytes on disk%n", n, BenchRecords.bytes(log));
            Instant lastTenth = T0.plusMillis(n - n / 10);
            time("every record, printed (export's work without the gating)", runs, log, RecordFilter.ALL);
            time("--api ledger --verdict deny", runs, log,
                    new RecordFilter(null, null, "ledger", null, null, null, Verdict.DENY, null));
            time("--source 10.0.3.0/24 --workload w2", runs, log,
                    new RecordFilter(null, null, null, "10.0.3.0/24", "w2", null, null, null));
            time("--since (the last tenth) --verdict deny", runs, log,
                    new RecordFilter(lastTenth, null, null, null, null, null, Verdict.DENY, null));
            time("--until (the first tenth)", runs, log,
                    new RecordFilter(null, T0.plusMillis(n / 10), null, null, null, null, null, null));
            for (int r = 0; r < runs; r++) {
                Counting out = new Counting();
                long start = System.nanoTime();
                AuditExport.Result result = AuditExport.of(log, 0).run(out, false, Duration.ZERO, () -> true);
                System.out.printf("  export, one pass: %.2f s, %,d records, %,d bytes out%n",
                        (System.nanoTime() - start) / 1e9, result.records(), out.bytes);
            }
        } finally {
            if (keep == null) {
                BenchRecords.delete(dir);
            }
        }
    }

    private static void time(String what, int runs, Path log, RecordFilter filter) throws Exception {
        double best = Double.MAX_VALUE;
        double first = 0;
        AuditSearch.Result result = null;
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            result = AuditSearch.search(log, filter, new Counting());
            double seconds = (System.nanoTime() - start) / 1e9;
            first = r == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }
        System.out.printf("  %s: first %.2f s, best %.2f s of %d; %,d matched of %,d read, %d of %d segments skipped%n",
                what, first, best, runs, result.matched(), result.read(), result.skipped(), result.segments());
    }

    private static void write(Path log, Path key, long n) throws Exception {
        AtomicLong now = new AtomicLong(T0.toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(log, key).clock(clock).build())) {
            for (long i = 0; i < n; i++) {
                now.set(T0.toEpochMilli() + i);
                AuditRecord record = record(i, Instant.ofEpochMilli(now.get()));
                while (!audit.append(record)) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static AuditRecord record(long i, Instant time) {
        boolean deny = i % 5 == 2;
        return AuditRecord.builder(time, AuditRecord.Kind.REQUEST, deny ? DENY : ALLOW)
                .requestId("01J9Z6Q7R8S9T0V1W2X3Y4Z5" + i).api(i % 3 == 0 ? "ledger" : "orders")
                .route("GET /orders/{id}").method("GET").path("/orders/" + i + "?expand=items")
                .source("10.0." + (i % 4) + "." + (i % 200), 40000 + (int) (i % 20000)).vpc("vpc-0a1b2c3d")
                .workload("w" + (i % 5)).securityGroups(List.of("111111111111/sg-api", "111111111111/sg-billing"))
                .admittedBy(deny ? null : "111111111111/sg-api ingress[0]")
                .principal("arn:aws:iam::111111111111:role/r" + (i % 7)).token("billing-svc", "https://idp.corp.example")
                .status(deny ? 403 : 200).bytes(120, 2048).latency(Duration.ofNanos((1234 + i % 1000) * 1000L)).build();
    }

    /** Counts and discards. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
