package io.portcullis.site.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.read.AuditSearch;
import io.portcullis.audit.read.JsonLineSink;
import io.portcullis.audit.read.RecordFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An API's decisions in the audit log, read with the audit module's search ({@link AuditSearch}, the records
 * {@code portcullis audit search} prints) in one streaming pass over the log: counts by verdict, layer and reason,
 * and the last {@value #RECENT} records. Only what is needed is kept, so memory does not grow with the log.
 */
public final class AuditDecisions {

    static final int RECENT = 20;

    /** Counts by {@code VERDICT layer reason}, sorted, and the most recent records, newest last. */
    public record ForApi(Map<String, Long> counts, List<Recent> recent) {}

    public record Recent(String time, String caller, String verdict, String layer, String reason, String decidedBy, String status) {}

    /** How the read went: records read, and why it stopped early (empty when it read the whole log). */
    public record Read(long records, String damage, Map<String, ForApi> apis) {}

    private AuditDecisions() {}

    /** Reads {@code dir} (records at or after {@code since}, when given). */
    public static Read read(Path dir, Instant since) throws IOException {
        Map<String, TreeMap<String, Long>> counts = new HashMap<>();
        Map<String, ArrayDeque<Recent>> recent = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        JsonLineSink sink = new JsonLineSink(line -> {
            JsonNode n = json.readTree(line);
            if (!"record".equals(n.path("type").asText())) {
                return;
            }
            JsonNode r = n.path("record");
            String api = r.path("api").asText("");
            if (api.isEmpty()) {
                return;
            }
            String verdict = r.path("verdict").asText("");
            String layer = r.path("layer").asText("");
            String reason = r.path("reason").asText("");
            counts.computeIfAbsent(api, k -> new TreeMap<>()).merge(verdict + " " + layer + " " + reason, 1L, Long::sum);
            ArrayDeque<Recent> q = recent.computeIfAbsent(api, k -> new ArrayDeque<>());
            String caller = r.path("workload").asText("");
            q.addLast(new Recent(r.path("time").asText(""), caller.isEmpty() ? r.path("sourceAddress").asText("") : caller,
                    verdict, layer, reason, r.path("decidedBy").asText(""), r.path("status").asText("")));
            if (q.size() > RECENT) {
                q.removeFirst();
            }
        });
        AuditSearch.Result result = AuditSearch.search(dir, new RecordFilter(since, null, null, null, null, null, null, null), sink);
        Map<String, ForApi> out = new TreeMap<>();
        counts.forEach((api, c) -> out.put(api, new ForApi(c, List.copyOf(recent.get(api)))));
        return new Read(result.read(), result.damage() == null ? "" : result.damage(), out);
    }
}
