package io.portcullis.analysis.review;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.config.Workload;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.engine.Snapshot;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a real audit log (the audit module's {@link AuditLog}, signed checkpoints) of connections as a node serving
 * {@code plan} would record them: each call is admitted or denied by the engine ({@link Snapshot#admit}) and
 * recorded with the source the engine resolved (workload, effective groups) and the admitting rule, as the
 * runtime's audit recorder writes a connection.
 */
public final class AuditTraffic {

    /** One record: a workload calling an API at a time (a connection), or the node probing as it ({@code PROBE}). */
    public record Call(String workload, String api, Instant time, AuditRecord.Kind kind) {
        public Call(String workload, String api, Instant time) {
            this(workload, api, time, AuditRecord.Kind.CONNECTION);
        }
    }

    private AuditTraffic() {}

    /** Writes {@code calls} to a new log in {@code dir}, signed with a key made at {@code key}. */
    public static void write(Plan plan, Path dir, Path key, List<Call> calls) throws IOException {
        AuditKeys.writeSigningKey(key, AuditKeys.generate());
        Snapshot snapshot = plan.engine().snapshot();
        try (AuditLog log = AuditLog.open(AuditSettings.builder(dir, key).fsyncInterval(Duration.ofMillis(2)).build())) {
            for (Call c : calls) {
                Workload w = plan.config().workloads().stream().filter(x -> x.id().equals(c.workload())).findFirst().orElseThrow();
                InetAddress address = InetAddress.getByName(w.addresses().get(0));
                Admission a = snapshot.admit(c.api(), address, "", c.time().toEpochMilli());
                Decision d = a.decision();
                AuditRecord.Builder b = AuditRecord.builder(c.time(), c.kind(), d).api(c.api())
                        .source(address.getHostAddress(), 40_000).plan(plan.digest().toString());
                if (a.source() != null) {
                    if (!a.source().vpc().isEmpty()) {
                        b.vpc(a.source().vpc());
                    }
                    if (!a.source().workload().isEmpty()) {
                        b.workload(a.source().workload());
                    }
                    b.securityGroups(a.source().groups());
                }
                if (d.allowed()) {
                    b.admittedBy(d.detail().isEmpty() ? d.decidedBy() : d.decidedBy() + " " + d.detail());
                }
                while (!log.append(b.build())) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /**
     * For docs/review.md: {@code AuditTraffic CONFIG-DIR LOG-DIR KEY-FILE (WORKLOAD API INSTANT)...} writes those
     * calls to a new log.
     */
    public static void main(String[] args) throws IOException {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Plan plan = compiler.compile(List.of(Path.of(args[0]))).plan().orElseThrow();
            List<Call> calls = new ArrayList<>();
            for (int i = 3; i + 2 < args.length; i += 3) {
                calls.add(new Call(args[i], args[i + 1], Instant.parse(args[i + 2])));
            }
            Files.createDirectories(Path.of(args[1]));
            write(plan, Path.of(args[1]), Path.of(args[2]), calls);
        }
    }
}
