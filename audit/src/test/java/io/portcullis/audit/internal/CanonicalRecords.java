package io.portcullis.audit.internal;

import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records that exercise every rule of the canonical encoding: each optional field present and absent, strings
 * that need escaping (quote, backslash, every control character), non-ASCII (two-, three- and four-byte UTF-8, a
 * lone surrogate), numbers at their bounds, instants with and without a fraction and far outside 0..9999, and the
 * same text as distinct instances and as one shared instance (the encoder's cache must not change the bytes).
 * {@code canonical-records.jsonl} holds their bytes as the encoder wrote them before issue 17.
 */
final class CanonicalRecords {

    private static final Decision ALLOW = Decision.allow(new Reason(Layer.POLICY, "statement-allows"),
            "policy[0] Statement[9] (Sid Allow)", "");
    private static final Decision DENY = Decision.deny(new Reason(Layer.NETWORK, "no-matching-rule"), "",
            "no rule of [111111111111/sg-api] admits the source");
    private static final String SHARED = "111111111111/sg-bench-api ingress[0] tcp/18085 from sg-bench-clients";

    private CanonicalRecords() {}

    static List<AuditRecord> corpus() {
        List<AuditRecord> out = new ArrayList<>();
        Instant t = Instant.parse("2026-12-07T08:00:00Z");
        out.add(AuditRecord.builder(t, AuditRecord.Kind.CONNECTION, DENY).build());
        out.add(AuditRecord.builder(t.plusNanos(1_000_000), AuditRecord.Kind.CONNECTION, ALLOW).api("pipeline")
                .source("127.0.0.1", 0).securityGroups(List.of()).admittedBy(SHARED).feed("spamhaus-drop").build());
        for (int i = 0; i < 40; i++) {
            out.add(full(t.plusNanos(i * 1_234_567L), i));
        }
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append('x').append(c);
        }
        out.add(AuditRecord.builder(t.plusNanos(7), AuditRecord.Kind.REQUEST, ALLOW).requestId("\"quoted\\")
                .path(controls.toString()).principal("é€😀 and \u007f\u0080\u00ff").workload("\ud800lone")
                .token(null, "tab\there")
                .build());
        out.add(AuditRecord.builder(Instant.parse("+12026-01-01T00:00:00.000000001Z"), AuditRecord.Kind.REQUEST, DENY)
                .status(999).bytes(Long.MAX_VALUE, 0).latency(Duration.ofSeconds(1_000_000, 999_999_999))
                .source("fd00::1", 65535).build());
        out.add(AuditRecord.builder(Instant.parse("-0001-12-31T23:59:59.5Z"), AuditRecord.Kind.CONNECTION, ALLOW)
                .location("country SE, continent EU by GeoIP2-Country built 2026-02-04T22:49:29Z").plan("sha256:00ff")
                .build());
        return out;
    }

    private static AuditRecord full(Instant t, int i) {
        Decision d = i % 5 == 3 ? DENY : ALLOW;
        return AuditRecord.builder(t, AuditRecord.Kind.REQUEST, d).requestId("3f9a0c11b2de-" + Long.toHexString(i))
                .api("pipeline").route("/**").method(i % 2 == 0 ? "GET" : new String("GET"))
                .path("/orders/" + i + (i % 3 == 0 ? "?token=secret-" + i : "")).source("127.0.0." + i, 40000 + i)
                .vpc("vpc-bench").vpcEndpoint(i % 4 == 0 ? "vpce-0123456789abcdef0" : null).workload("loadgen")
                .securityGroups(List.of("111111111111/sg-bench-clients", "111111111111/sg-" + i))
                .admittedBy(i % 2 == 0 ? SHARED : new String(SHARED)).principal("arn:aws:iam::111111111111:role/loadgen")
                .token("loadgen", "https://idp.bench").policyStatement(d == ALLOW ? d.decidedBy() : null)
                .status(d == ALLOW ? 200 : 403).bytes(i * 1000L, i * 37L).latency(Duration.ofNanos(i * 999_999L))
                .plan("sha256:6a0c2e1c9d0f4a7b8e3d2c1b0a99887766554433221100ffeeddccbbaa998877").build();
    }
}
