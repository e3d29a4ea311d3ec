package io.portcullis.runtime.change;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A proposed change of plan, as approvers sign it: from which plan digest ({@code none} before the first) to which,
 * who proposed it and why, when it was made and until when it may be applied, its risk and the approvals it needed
 * when it was proposed. Its {@link #digest()} is the SHA-256 of its compact canonical JSON, the text every approval
 * signs, so an edit to any field (the candidate's digest included) voids every approval.
 *
 * <p>Version 2 carries {@code diff}, the semantic difference ({@code PlanDiff}'s JSON form), and {@code baselines}
 * (null when none were evaluated); both are part of what is signed. Version 1 records (whose {@code diff} is always
 * null) are still read, and their digest is computed on their version 1 form, so their approvals stay valid.
 *
 * @param required the approvals the rules in force asked for when it was proposed (for the reviewer; the node
 *        applies its own rules), empty when the plan in force had no {@code changeControl}
 */
public record ChangeRecord(String id, String from, String to, String author, String reason, Instant created,
                           Instant expires, RiskAssessment risk, Optional<Required> required, JsonNode baselines,
                           int version, JsonNode diff) {

    /** The version of the record's form that {@code propose} writes, as {@code "portcullisChange"}. */
    public static final int VERSION = 2;
    /** The versions read: 1 (no diff) and 2. */
    static final Set<Integer> VERSIONS = Set.of(1, 2);
    /** {@code from} of the change that a node applies at its first start. */
    public static final String NONE = "none";

    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Set<String> FIELDS = Set.of("portcullisChange", "id", "from", "to", "author", "reason",
            "created", "expires", "risk", "approvalsRequired", "baselines", "diff");

    /** How many distinct approvers, and the roles among them (one entry per approver of that role). */
    public record Required(int approvals, List<String> roles) {
        public Required {
            roles = List.copyOf(roles);
        }

        @Override
        public String toString() {
            return approvals + " approval" + (approvals == 1 ? "" : "s") + (roles.isEmpty() ? "" : " including "
                    + String.join(", ", roles));
        }
    }

    public ChangeRecord {
        check(ID, id, "id", "letters, digits and ._:/@-");
        if (!NONE.equals(from)) {
            check(DIGEST, from, "from", "sha256:<64 hex digits> or none");
        }
        check(DIGEST, to, "to", "sha256:<64 hex digits>");
        check(ID, author, "author", "letters, digits and ._:/@-");
        requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason: empty (expected: why the change is made)");
        }
        requireNonNull(created, "created");
        requireNonNull(expires, "expires");
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("expires: " + expires + " (expected: after created, " + created + ")");
        }
        requireNonNull(risk, "risk");
        requireNonNull(required, "required");
        baselines = baselines == null ? NullNode.instance : baselines;
        diff = diff == null ? NullNode.instance : diff;
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("portcullisChange: " + version + " (expected: 1 or 2)");
        }
        if (version == 1 && !diff.isNull()) {
            throw new IllegalArgumentException("diff: not null (expected: null; version 1 has no diff)");
        }
        if (version >= 2 && !diff.isObject()) {
            throw new IllegalArgumentException("diff: " + diff.getNodeType() + " (expected: the semantic diff, an object)");
        }
    }

    /** A version 1 record (no diff), as written before the semantic diff. */
    public ChangeRecord(String id, String from, String to, String author, String reason, Instant created,
                        Instant expires, RiskAssessment risk, Optional<Required> required, JsonNode baselines) {
        this(id, from, to, author, reason, created, expires, risk, required, baselines, 1, null);
    }

    private static void check(Pattern p, String value, String field, String expected) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' (expected: " + expected + ")");
        }
    }

    /** {@code sha256:<hex>} of the compact canonical JSON of {@link #toJson()}: what approvals sign. */
    public String digest() {
        return Canonical.sha256(Canonical.compact(toJson()));
    }

    public JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("portcullisChange", version);
        o.put("id", id);
        o.put("from", from);
        o.put("to", to);
        o.put("author", author);
        o.put("reason", reason);
        o.put("created", created.toString());
        o.put("expires", expires.toString());
        ObjectNode r = o.putObject("risk");
        r.put("level", risk.level().id());
        ArrayNode contributions = r.putArray("contributions");
        risk.contributions().forEach(c -> contributions.addObject().put("rule", c.rule()).put("level", c.level().id())
                .put("detail", c.detail()));
        if (required.isPresent()) {
            ObjectNode q = o.putObject("approvalsRequired");
            q.put("approvals", required.get().approvals());
            ArrayNode roles = q.putArray("roles");
            required.get().roles().forEach(roles::add);
        } else {
            o.putNull("approvalsRequired");
        }
        o.set("baselines", baselines);
        o.set("diff", diff);
        return o;
    }

    /** The record {@code node} holds; throws {@link IllegalArgumentException} naming the first field that is wrong. */
    static ChangeRecord fromJson(JsonNode node) {
        exactly(node, FIELDS, "change");
        if (!node.path("portcullisChange").isInt() || !VERSIONS.contains(node.get("portcullisChange").intValue())) {
            throw new IllegalArgumentException("change.portcullisChange: " + node.get("portcullisChange")
                    + " (expected: 1 or 2)");
        }
        int version = node.get("portcullisChange").intValue();
        if (version == 1 && !node.get("diff").isNull()) {
            throw new IllegalArgumentException("change.diff: not null (expected: null; version 1 has no diff)");
        }
        if (version == 2 && !node.get("diff").isObject()) {
            throw new IllegalArgumentException("change.diff: " + node.get("diff").getNodeType()
                    + " (expected: the semantic diff, an object)");
        }
        JsonNode r = node.get("risk");
        exactly(r, Set.of("level", "contributions"), "change.risk");
        List<RiskAssessment.Contribution> contributions = new ArrayList<>();
        if (!r.get("contributions").isArray()) {
            throw new IllegalArgumentException("change.risk.contributions: not a list (expected: a list)");
        }
        for (JsonNode c : r.get("contributions")) {
            exactly(c, Set.of("rule", "level", "detail"), "change.risk.contributions[]");
            contributions.add(new RiskAssessment.Contribution(text(c, "rule"), RiskLevel.of(text(c, "level")), text(c, "detail")));
        }
        Optional<Required> required = Optional.empty();
        JsonNode q = node.get("approvalsRequired");
        if (!q.isNull()) {
            exactly(q, Set.of("approvals", "roles"), "change.approvalsRequired");
            List<String> roles = new ArrayList<>();
            q.get("roles").forEach(x -> roles.add(x.asText()));
            required = Optional.of(new Required(q.get("approvals").asInt(), roles));
        }
        return new ChangeRecord(text(node, "id"), text(node, "from"), text(node, "to"), text(node, "author"),
                text(node, "reason"), instant(node, "created"), instant(node, "expires"),
                new RiskAssessment(RiskLevel.of(text(r, "level")), contributions), required, node.get("baselines"), version,
                node.get("diff"));
    }

    static void exactly(JsonNode node, Set<String> fields, String at) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(at + ": not an object (expected: an object with " + new TreeSet<>(fields) + ")");
        }
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        if (!names.equals(fields)) {
            throw new IllegalArgumentException(at + ": fields " + names + " (expected: exactly " + new TreeSet<>(fields) + ")");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": " + v + " (expected: a string)");
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text(node, field) + "' (expected: an ISO-8601 instant)");
        }
    }
}
