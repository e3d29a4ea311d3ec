package io.portcullis.audit;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared fixtures: key files and realistic records. */
public final class TestLogs {

    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Decision ALLOW = Decision.allow(new Reason(Layer.POLICY, "statement-allows"),
            "policy[0] Statement[1] (AllowFromVpc)", "allowed by resource policy");
    private static final Decision DENY = Decision.deny(new Reason(Layer.NETWORK, "no-matching-rule"), "",
            "no security group rule admits 10.0.9.9:443");

    private TestLogs() {}

    /** Writes a fresh signing-key file into {@code dir} and returns the pair. */
    public static KeyPair signingKey(Path file) throws IOException {
        KeyPair pair = AuditKeys.generate();
        AuditKeys.writeSigningKey(file, pair);
        return pair;
    }

    public static AuditRecord record(long i) {
        boolean deny = i % 7 == 3;
        return AuditRecord.builder(T0.plusMillis(i), AuditRecord.Kind.REQUEST, deny ? DENY : ALLOW)
                .requestId("req-" + i).api("orders").route("GET /orders/{id}").method("GET")
                .path("/orders/" + i + "?token=secret-" + i).source("10.0.1." + (i % 250), 40000 + (int) (i % 20000))
                .vpc("vpc-0a1b2c3d").vpcEndpoint("vpce-0123456789abcdef0").workload("billing")
                .securityGroups(List.of("111111111111/sg-api", "111111111111/sg-billing"))
                .admittedBy(deny ? null : "111111111111/sg-api ingress[0]").principal("spiffe://corp/billing")
                .token("billing-svc", "https://idp.corp.example").policyStatement(deny ? null : "policy[0] Statement[1]")
                .status(deny ? 403 : 200).bytes(120, 2048).latency(Duration.ofNanos(1_234_000 + i * 1000)).build();
    }

    public static AuditSettings.Builder settings(Path dir, Path key) {
        return AuditSettings.builder(dir, key).fsyncInterval(Duration.ofMillis(2));
    }

    /** Opens, appends {@code n} records, closes (which signs a final checkpoint). */
    public static void write(AuditSettings settings, long from, long n) throws IOException {
        try (AuditLog log = AuditLog.open(settings)) {
            for (long i = from; i < from + n; i++) {
                while (!log.append(record(i))) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
