package io.portcullis.analysis.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.analysis.findings.InputTree;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A review sheet as JSON: what it was computed from, then one object per membership.
 *
 * <pre>
 * {"plan": "sha256:...", "generated": "2026-12-07T00:00:00Z", "unused": "P90D", "auditFrom": "2026-05-01T00:00:00Z",
 *  "memberships": [{"kind": "workload", "member": "trader-1", "group": "111111111111/sg-traders",
 *                   "grants": ["orders"], "lastUsed": "2026-11-30T09:00:00Z", "proposal": "keep", "decision": "keep",
 *                   "note": "used within 90d"}]}
 * </pre>
 *
 * {@code lastUsed} and {@code auditFrom} are {@code null} when there is none. Reading checks every field and
 * reports each problem at its JSON pointer ({@code /memberships/3/decision}).
 */
public final class SheetJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> ROW_KEYS = Set.of("kind", "member", "group", "grants", "lastUsed", "proposal", "decision", "note");

    private SheetJson() {}

    public static String write(ReviewSheet sheet) {
        ObjectNode root = JSON.createObjectNode();
        root.put("plan", sheet.plan());
        root.put("generated", sheet.generated().toString());
        Duration u = sheet.unused();
        root.put("unused", u.toSeconds() % 86_400 == 0 && !u.isZero() ? "P" + u.toDays() + "D" : u.toString());
        root.put("auditFrom", sheet.auditFrom().map(Instant::toString).orElse(null));
        ArrayNode rows = root.putArray("memberships");
        for (ReviewRow r : sheet.rows()) {
            ObjectNode o = rows.addObject();
            o.put("kind", r.membership().kind().text());
            o.put("member", r.membership().member());
            o.put("group", r.membership().group());
            ArrayNode g = o.putArray("grants");
            r.grants().forEach(g::add);
            o.put("lastUsed", r.lastUsed().map(Instant::toString).orElse(null));
            o.put("proposal", r.proposal().text());
            o.put("decision", r.decision().text());
            o.put("note", r.note());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** The sheet {@code read} holds, or every problem of it. */
    public static ReviewSheet read(InputTree.Read read) {
        InputTree t = read.tree();
        JsonNode root = read.root();
        List<ReviewRow> rows = new ArrayList<>();
        ReviewSheet sheet = null;
        if (t.object(root, "", Set.of("plan", "generated", "unused", "auditFrom", "memberships"))) {
            String plan = t.text(root.get("plan"), "/plan", "the plan digest, sha256:...");
            Instant generated = instant(t, root.get("generated"), "/generated", false);
            Duration unused = null;
            String u = t.text(root.get("unused"), "/unused", "the threshold, such as P90D");
            if (u != null) {
                try {
                    unused = Duration.parse(u);
                } catch (DateTimeParseException e) {
                    t.problem("/unused", "'" + u + "' (expected: an ISO-8601 duration such as P90D)");
                }
            }
            Instant from = instant(t, root.get("auditFrom"), "/auditFrom", true);
            List<JsonNode> items = t.list(root.get("memberships"), "/memberships", "the memberships under review");
            for (int i = 0; i < items.size(); i++) {
                ReviewRow r = row(t, items.get(i), "/memberships/" + i);
                if (r != null) {
                    rows.add(r);
                }
            }
            t.done();
            sheet = new ReviewSheet(plan, generated, unused, Optional.ofNullable(from), rows);
        }
        t.done();
        return sheet;
    }

    private static ReviewRow row(InputTree t, JsonNode n, String at) {
        if (!t.object(n, at, ROW_KEYS)) {
            return null;
        }
        Membership.Kind kind = null;
        String k = t.text(n.get("kind"), at + "/kind", "workload or group");
        try {
            kind = k == null ? null : Membership.Kind.parse(k);
        } catch (IllegalArgumentException e) {
            t.problem(at + "/kind", e.getMessage());
        }
        String member = exact(t, n.get("member"), at + "/member", "a workload id or a group key");
        String group = exact(t, n.get("group"), at + "/group", "a group key such as 111111111111/sg-app");
        List<String> grants = new ArrayList<>();
        List<JsonNode> g = t.list(n.get("grants"), at + "/grants", "API names");
        for (int i = 0; i < g.size(); i++) {
            String api = exact(t, g.get(i), at + "/grants/" + i, "an API name");
            if (api != null) {
                grants.add(api);
            }
        }
        Instant last = instant(t, n.get("lastUsed"), at + "/lastUsed", true);
        Choice proposal = choice(t, n.get("proposal"), at + "/proposal");
        Choice decision = choice(t, n.get("decision"), at + "/decision");
        JsonNode note = n.get("note");
        if (note != null && !note.isTextual() && !note.isNull()) {
            t.problem(at + "/note", "not a string (expected: free text)");
        }
        if (kind == null || member == null || group == null || proposal == null || decision == null) {
            return null;
        }
        return new ReviewRow(new Membership(kind, member, group), grants, Optional.ofNullable(last), proposal, decision,
                note == null || note.isNull() ? "" : note.asText());
    }

    private static Choice choice(InputTree t, JsonNode n, String at) {
        String s = t.text(n, at, "keep or remove");
        if (s == null) {
            return null;
        }
        try {
            return Choice.parse(s);
        } catch (IllegalArgumentException e) {
            t.problem(at, e.getMessage());
            return null;
        }
    }

    private static Instant instant(InputTree t, JsonNode n, String at, boolean optional) {
        if (optional && (n == null || n.isNull())) {
            return null;
        }
        String s = t.text(n, at, "an instant such as 2026-11-30T09:00:00Z");
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            t.problem(at, "'" + s + "' (expected: an instant such as 2026-11-30T09:00:00Z)");
            return null;
        }
    }

    /** A string that is not blank, exactly as written (a sheet's ids read back as they were written). */
    private static String exact(InputTree t, JsonNode n, String at, String expected) {
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            t.problem(at, (n == null || n.isNull() ? "missing" : n.isTextual() ? "empty" : "not a string") + " (expected: " + expected + ")");
            return null;
        }
        return n.asText();
    }
}
