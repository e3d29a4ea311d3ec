package io.portcullis.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads back what {@link RecordEncoder} wrote, for tools and tests; not on any hot path. */
public final class RecordDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordDecoder() {}

    public static JsonNode tree(byte[] payload) throws IOException {
        return MAPPER.readTree(payload);
    }

    public static AuditRecord decode(byte[] payload) throws IOException {
        JsonNode n = tree(payload);
        try {
            Decision decision = new Decision(
                    Verdict.valueOf(upper(n, "verdict")),
                    new Reason(Layer.valueOf(upper(n, "layer")), text(n, "reason")),
                    text(n, "decidedBy"), text(n, "detail"));
            List<String> groups = new ArrayList<>();
            n.path("securityGroups").forEach(g -> groups.add(g.asText()));
            AuditRecord.Builder b = AuditRecord.builder(Instant.parse(text(n, "time")),
                            AuditRecord.Kind.valueOf(upper(n, "kind")), decision)
                    .requestId(text(n, "requestId")).api(text(n, "api")).route(text(n, "route"))
                    .method(text(n, "method")).path(text(n, "path"))
                    .source(text(n, "sourceAddress"), n.path("sourcePort").asInt())
                    .vpc(text(n, "vpc")).vpcEndpoint(text(n, "vpcEndpoint")).workload(text(n, "workload"))
                    .securityGroups(groups).admittedBy(text(n, "admittedBy")).principal(text(n, "principal"))
                    .token(text(n, "tokenSubject"), text(n, "tokenIssuer")).policyStatement(text(n, "policyStatement"))
                    .status(n.path("status").asInt()).bytes(n.path("bytesIn").asLong(), n.path("bytesOut").asLong())
                    .feed(text(n, "feed"))
                    .plan(text(n, "plan")).location(text(n, "location"));
            if (n.has("latencyMicros")) {
                b.latency(Duration.ofNanos(n.get("latencyMicros").asLong() * 1000));
            }
            return b.build();
        } catch (RuntimeException e) {
            throw new IOException("not an audit record: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String upper(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return v.toUpperCase(Locale.ROOT);
    }
}
