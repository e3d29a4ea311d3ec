package io.portcullis.runtime.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What differs between two plans, section by section: the elements of each list added, removed and changed (by
 * their id or name), and for a changed element the fields that changed, two levels deep
 * ({@code orders (serving.routes)}); for the node sections, which of them changed.
 *
 * <p>Compared on the plans' canonical forms ({@code PlanDigest.canonicalJson()}, docs/plan-digest.md), so it sees
 * exactly what the digest sees (a certificate or key file whose bytes changed, a policy file edited, a default
 * written out that changes nothing does not show), holds no secret and can be logged, and a section added to the
 * model is compared without a change here. Lists that are sets there are sorted, so reordering them is no change.
 *
 * @param sections the sections that changed, in the canonical form's (sorted) order
 */
public record PlanChanges(List<Section> sections) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A section whose elements are named by more than one field (a group id is unique within its account). */
    private static final Map<String, List<String>> KEYS = Map.of("securityGroups", List.of("account", "id"));

    /**
     * The changes of one top-level section ({@code apis}, {@code securityGroups}, ..., {@code node}).
     *
     * @param added elements only in the new plan
     * @param removed elements only in the old plan
     * @param changed elements in both that differ, each with the fields that changed ({@code "orders (serving)"}); for
     *        a section that is not a list (the node sections), the fields that changed
     */
    public record Section(String name, List<String> added, List<String> removed, List<String> changed) {
        public Section {
            requireNonNull(name, "name");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            if (!added.isEmpty()) {
                parts.add("added " + added);
            }
            if (!removed.isEmpty()) {
                parts.add("removed " + removed);
            }
            if (!changed.isEmpty()) {
                parts.add("changed " + changed);
            }
            return name + " " + String.join(", ", parts);
        }
    }

    public PlanChanges {
        sections = List.copyOf(sections);
    }

    /** What changes when {@code now} replaces {@code was}. */
    public static PlanChanges between(Plan was, Plan now) {
        return between(was.digest().canonicalJson(), now.digest().canonicalJson());
    }

    /** The changes between two canonical forms (the text {@code PlanDigest.canonicalJson()} returns). */
    static PlanChanges between(String was, String now) {
        JsonNode a = read(was).path("config");
        JsonNode b = read(now).path("config");
        List<Section> sections = new ArrayList<>();
        for (String name : differing(a, b)) {
            JsonNode x = a.path(name);
            JsonNode y = b.path(name);
            if (x.isArray() && y.isArray()) {
                sections.add(list(name, x, y));
            } else {
                List<String> fields = fields("", x, y, 1);
                sections.add(new Section(name, List.of(), List.of(), fields.isEmpty() ? List.of("value") : fields));
            }
        }
        return new PlanChanges(sections);
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }

    /** {@code apis added [reports], changed [orders (serving.routes)]; node changed [accessLog]}, or {@code no change}. */
    @Override
    public String toString() {
        if (sections.isEmpty()) {
            return "no change";
        }
        List<String> parts = new ArrayList<>();
        sections.forEach(s -> parts.add(s.toString()));
        return String.join("; ", parts);
    }

    private static Section list(String name, JsonNode was, JsonNode now) {
        Map<String, JsonNode> before = byKey(name, was);
        Map<String, JsonNode> after = byKey(name, now);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(added::add);
        before.forEach((key, old) -> {
            JsonNode current = after.get(key);
            if (current == null) {
                removed.add(key);
            } else if (!current.equals(old)) {
                List<String> fields = fields("", old, current, 2);
                changed.add(fields.isEmpty() ? key : key + " (" + String.join(", ", fields) + ")");
            }
        });
        return new Section(name, added, removed, changed);
    }

    /** The elements of a list by their key: its id (or the section's key fields), else its name, else its text. */
    private static Map<String, JsonNode> byKey(String section, JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode element : list) {
            String key = key(section, element);
            String unique = key;
            for (int n = 2; out.containsKey(unique); n++) {
                unique = key + "#" + n;
            }
            out.put(unique, element);
        }
        return out;
    }

    private static String key(String section, JsonNode element) {
        List<String> fields = KEYS.getOrDefault(section, List.of("id"));
        if (fields.stream().allMatch(f -> element.path(f).isTextual())) {
            return String.join("/", fields.stream().map(f -> element.path(f).asText()).toList());
        }
        for (String single : List.of("id", "name")) {
            if (element.path(single).isTextual()) {
                return element.path(single).asText();
            }
        }
        return element.toString();
    }

    /** The fields of two objects that differ, {@code prefix.field}, descending into objects {@code depth} levels. */
    private static List<String> fields(String prefix, JsonNode was, JsonNode now, int depth) {
        if (!was.isObject() || !now.isObject()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : differing(was, now)) {
            JsonNode x = was.path(name);
            JsonNode y = now.path(name);
            List<String> deeper = depth > 1 ? fields(prefix + name + ".", x, y, depth - 1) : List.of();
            if (deeper.isEmpty()) {
                out.add(prefix + name);
            } else {
                out.addAll(deeper);
            }
        }
        return out;
    }

    /** The fields of either object whose values differ, in sorted order. */
    private static List<String> differing(JsonNode was, JsonNode now) {
        TreeSet<String> names = new TreeSet<>();
        was.fieldNames().forEachRemaining(names::add);
        now.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(name -> !was.path(name).equals(now.path(name))).toList();
    }

    private static JsonNode read(String canonical) {
        try {
            return JSON.readTree(canonical);
        } catch (IOException e) {
            throw new UncheckedIOException("canonical form: not JSON", e);
        }
    }
}
