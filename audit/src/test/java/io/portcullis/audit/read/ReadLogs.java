package io.portcullis.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.merkle.MerkleHasher;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.testing.FakeTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Records of many kinds (APIs, sources, workloads, principals, verdicts, layers) written through the real
 * {@link AuditLog}, each at the fake time's instant, and the export lines read back.
 */
final class ReadLogs {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Decision ALLOW = Decision.allow(new Reason(Layer.POLICY, "statement-allows"),
            "policy[0] Statement[1] (Sid AllowRest)", "");
    private static final Decision NETWORK_DENY = Decision.deny(new Reason(Layer.NETWORK, "no-matching-rule"), "",
            "no rule admits the source");
    private static final Decision IDENTITY_DENY = Decision.deny(new Reason(Layer.IDENTITY, "token-expired"),
            "auth.jwt", "expired");

    private ReadLogs() {}

    /** Record {@code i}: its fields cycle with different periods, so every filter picks a different subset. */
    static AuditRecord record(long i, FakeTime time) {
        Decision d = i % 7 == 3 ? NETWORK_DENY : i % 11 == 5 ? IDENTITY_DENY : ALLOW;
        AuditRecord.Builder b = AuditRecord.builder(time.instant(), i % 13 == 0 ? AuditRecord.Kind.CONNECTION
                        : AuditRecord.Kind.REQUEST, d)
                .api(i % 3 == 0 ? "ledger" : "orders").source("10.0." + (i % 4) + "." + (i % 200), 40000 + (int) (i % 999))
                .workload("w" + (i % 5)).securityGroups(List.of("111111111111/sg-api"))
                .requestId("req-" + i).method("GET").path("/orders/" + i).status(d.allowed() ? 200 : 403)
                .plan("sha256:" + "ab".repeat(32));
        if (i % 6 != 0) {
            b.principal("arn:aws:iam::111111111111:role/r" + (i % 2));
        }
        return b.build();
    }

    /**
     * Appends records {@code [from, to)}, the fake time a millisecond further before each. Every thousand records
     * it lets the writer catch up, so a segment is closed at about the time of its last record (the writer reads
     * the same fake clock) rather than up to a full queue later.
     */
    static void append(AuditLog log, FakeTime time, long from, long to) {
        for (long i = from; i < to; i++) {
            time.advance(Duration.ofMillis(1));
            while (!log.append(record(i, time))) {
                Thread.onSpinWait();
            }
            while (i % 1000 == 999 && log.queued() > 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** Parses export lines, checking that each record line's leaf hash is that of its record's exact bytes. */
    static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        MerkleHasher hasher = new MerkleHasher();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("record")) {
                String record = line.substring(line.indexOf(",\"record\":") + 10, line.length() - 1);
                assertThat(n.path("leafHash").asText()).as("leaf hash of record " + n.path("index"))
                        .isEqualTo(Base64.getEncoder().encodeToString(hasher.leaf(record.getBytes(StandardCharsets.UTF_8))));
            }
            out.add(n);
        }
        return out;
    }
}
