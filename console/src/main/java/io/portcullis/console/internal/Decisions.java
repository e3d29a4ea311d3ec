package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.audit.read.AuditExport;
import io.portcullis.audit.read.AuditSearch;
import io.portcullis.audit.read.JsonLineSink;
import io.portcullis.audit.read.RecordFilter;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Verdict;
import io.portcullis.runtime.explain.ExplanationJson;
import io.portcullis.runtime.explain.RequestExplainer;
import io.portcullis.runtime.explain.RequestExplanation;
import io.portcullis.runtime.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Decisions and Explain views' answers. A search is the audit module's ({@link AuditSearch} with a
 * {@link RecordFilter}; group and reason, which the filter does not hold, are matched on each record it returns);
 * a record is found by its index with {@link AuditExport}; every explanation is {@link RequestExplainer}'s on the
 * plan in force, in {@link ExplanationJson}'s form: the same chain {@code portcullis explain} runs, never another.
 */
final class Decisions {

    static final int MAX_RESULTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Supplier<Plan> plan;

    Decisions(Path dir, Supplier<Plan> plan) {
        this.dir = dir;
        this.plan = plan;
    }

    /** The newest {@value #MAX_RESULTS} records matching {@code q}, newest first, and how many matched. */
    ObjectNode search(Map<String, String> q) throws IOException {
        RecordFilter filter = new RecordFilter(time(q, "since"), time(q, "until"), blank(q.get("api")),
                blank(q.get("source")), blank(q.get("workload")), blank(q.get("principal")), verdict(q.get("verdict")),
                layer(q.get("layer")));
        String group = blank(q.get("group"));
        String reason = blank(q.get("reason"));
        ArrayDeque<ObjectNode> kept = new ArrayDeque<>();
        long[] matched = {0};
        JsonLineSink sink = new JsonLineSink(line -> {
            JsonNode n = JSON.readTree(line);
            JsonNode r = n.path("record");
            if (!"record".equals(n.path("type").asText()) || (reason != null && !reason.equals(r.path("reason").asText()))
                    || (group != null && !contains(r.path("securityGroups"), group))) {
                return;
            }
            matched[0]++;
            kept.addLast(Rows.row(n.path("index").asLong(), r));
            if (kept.size() > MAX_RESULTS) {
                kept.removeFirst();
            }
        });
        AuditSearch.Result result = dir == null ? null : AuditSearch.search(dir, filter, sink);
        ObjectNode out = JSON.createObjectNode().put("matched", matched[0]);
        if (result != null && result.damage() != null) {
            out.put("damage", result.damage());
        }
        ArrayNode rows = out.putArray("rows");
        kept.descendingIterator().forEachRemaining(rows::add);
        return out;
    }

    /** The record at {@code index} (once a checkpoint covers it) and its explanation on the plan in force. */
    Optional<ObjectNode> record(long index) throws IOException {
        if (dir == null || index < 0) {
            return Optional.empty();
        }
        JsonNode[] found = {null};
        AuditExport.of(dir, index).run(new JsonLineSink(line -> {
            JsonNode n = JSON.readTree(line);
            if ("record".equals(n.path("type").asText()) && n.path("index").asLong() == index) {
                found[0] = n.path("record");
                throw new IOException("found"); // ends the export: one record is wanted
            }
        }), false, Duration.ZERO, () -> true);
        if (found[0] == null) {
            return Optional.empty();
        }
        JsonNode r = found[0];
        ObjectNode out = JSON.createObjectNode().put("index", index);
        out.set("record", r);
        Plan p = plan.get();
        out.put("plan", p.digest().toString());
        String workload = r.path("workload").asText("");
        String source = !workload.isEmpty() ? "workload:" + workload
                : r.path("sourceAddress").asText("") + "@" + r.path("vpc").asText("");
        boolean request = r.path("kind").asText("").equalsIgnoreCase("request");
        try {
            RequestExplanation e = new RequestExplainer(p).explain(source, r.path("vpcEndpoint").asText(""),
                    r.path("api").asText(""), request ? r.path("method").asText("GET") : "GET",
                    request ? r.path("path").asText("/") : "/", null, Instant.parse(r.path("time").asText()));
            out.set("explanation", ExplanationJson.request(e));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            out.put("unexplained", e.getMessage());
        }
        return Optional.of(out);
    }

    /** The Explain form's answer, as {@code portcullis explain --format json} prints it. */
    ObjectNode explain(String source, String via, String api, String request, String token) {
        String[] parts = request == null ? new String[0] : request.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("request: '" + request + "' (expected: 'METHOD PATH', such as 'GET /orders/42')");
        }
        Plan p = plan.get();
        RequestExplanation e = new RequestExplainer(p).explain(source == null ? "" : source.strip(),
                via == null ? "" : via.strip(), api == null ? "" : api.strip(), parts[0], parts[1],
                token == null || token.isBlank() ? null : token.strip(), Instant.now());
        return ExplanationJson.request(e).put("plan", p.digest().toString());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Instant time(Map<String, String> q, String key) {
        String v = blank(q.get(key));
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' (expected: an instant such as 2026-01-31T12:00:00Z)");
        }
    }

    private static Verdict verdict(String v) {
        String s = blank(v);
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "allowed", "allow" -> Verdict.ALLOW;
            case "denied", "deny" -> Verdict.DENY;
            default -> throw new IllegalArgumentException("verdict: '" + s + "' (expected: allowed or denied)");
        };
    }

    private static Layer layer(String v) {
        String s = blank(v);
        if (s == null) {
            return null;
        }
        try {
            return Layer.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer: '" + s + "' (expected: one of "
                    + java.util.Arrays.toString(Layer.values()).toLowerCase(Locale.ROOT) + ")");
        }
    }
}
