package io.portcullis.analysis.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.read.AuditSearch;
import io.portcullis.audit.read.JsonLineSink;
import io.portcullis.audit.read.RecordFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When the audit log last shows each membership used, read with {@link AuditSearch} (the JSON lines
 * {@code audit search} prints). A record carries the API, the workload the network layer resolved and its
 * effective groups ({@code securityGroups}: direct groups and every group that includes them). An allowed request or
 * connection record (never a probe: the node's probes play every position) before the review instant uses
 * <ul>
 *   <li>workload W in group G when its workload is W, its groups hold G and G grants its API ({@link Grants});
 *   <li>group M included in G when its groups hold both M and G and the inclusion grants its API.
 * </ul>
 * Design: one sequential read of the log; memberships indexed by API, so a record costs the memberships that grant
 * its API. A log that cannot be read to its end is refused: unknown use is not "unused".
 */
final class Usage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The record kinds that are use: a caller's connection or request. Not the node's own assurance probes (kind
     * {@code probe}, which play every position on a schedule and would keep every membership "used" forever), nor
     * its assurance, change or other bookkeeping records.
     */
    private static final Set<String> USE = Set.of("request", "connection");

    /** The last use of each membership (absent: none), and the time of the log's first record. */
    record Result(Map<Membership, Instant> lastUsed, Optional<Instant> from) {}

    private Usage() {}

    static Result read(Path auditDir, Map<Membership, List<String>> grants, Instant before) throws IOException {
        Map<String, List<Membership>> byApi = new HashMap<>();
        grants.forEach((m, apis) -> apis.forEach(a -> byApi.computeIfAbsent(a, k -> new ArrayList<>()).add(m)));
        Map<Membership, Instant> last = new HashMap<>();
        Instant[] first = {null};
        JsonLineSink lines = new JsonLineSink(line -> {
            JsonNode r = JSON.readTree(line).path("record");
            Instant t = Instant.parse(r.path("time").asText());
            if (first[0] == null || t.isBefore(first[0])) {
                first[0] = t;
            }
            if (!"allow".equals(r.path("verdict").asText()) || !USE.contains(r.path("kind").asText())) {
                return;
            }
            List<Membership> candidates = byApi.getOrDefault(r.path("api").asText(), List.of());
            if (candidates.isEmpty()) {
                return;
            }
            String workload = r.path("workload").asText("");
            Set<String> groups = new HashSet<>();
            r.path("securityGroups").forEach(g -> groups.add(g.asText()));
            for (Membership m : candidates) {
                boolean used = m.kind() == Membership.Kind.WORKLOAD
                        ? m.member().equals(workload) && groups.contains(m.group())
                        : groups.contains(m.member()) && groups.contains(m.group());
                if (used) {
                    last.merge(m, t, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        });
        AuditSearch.Result result = AuditSearch.search(auditDir,
                new RecordFilter(null, before, null, null, null, null, null, null), lines);
        if (result.damage() != null) {
            throw new IOException(auditDir + ": the audit log cannot be read to its end: " + result.damage()
                    + " (expected: an intact log; portcullis audit verify says what is wrong)");
        }
        return new Result(last, Optional.ofNullable(first[0]));
    }
}
