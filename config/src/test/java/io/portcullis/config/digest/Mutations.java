package io.portcullis.config.digest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates edits of a configuration's YAML trees: every scalar changed to a nearby value of the same shape and to
 * the other values written under the same key; every list item removed; the first two items of every list
 * swapped. Most edits keep the configuration valid; the test skips those that do not.
 */
final class Mutations {

    /** One edit: a description, the pattern of the place it changed, and the files after it. */
    record Mutation(String name, String pattern, Map<String, ObjectNode> files) {}

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern CIDR = Pattern.compile("(.+)/(\\d+)");
    private static final Pattern IPV4 = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.)(\\d+)");
    private static final Pattern AMOUNT = Pattern.compile("(\\d+)(ms|s|m|h|d|KiB|MiB|GiB)");
    private static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d)");
    private static final Pattern HOST_PORT = Pattern.compile("([^/]+):(\\d+)");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private Mutations() {}

    /** A scalar of the trees: its file, pointer, pattern and value. */
    private record Leaf(String file, JsonPointer at, String pattern, JsonNode value) {
        String key() {
            return pattern.substring(pattern.lastIndexOf('.') + 1).replace("[]", "");
        }
    }

    /** A list of the trees. */
    private record Sequence(String file, JsonPointer at, String pattern, int size) {}

    static List<Mutation> scalars(Map<String, ObjectNode> files) {
        List<Leaf> leaves = new ArrayList<>();
        files.forEach((f, tree) -> walk(tree, JsonPointer.empty(), "", n -> { }, (at, pattern, v) -> leaves.add(new Leaf(f, at, pattern, v))));
        Map<String, Set<JsonNode>> byKey = new TreeMap<>();
        leaves.forEach(l -> byKey.computeIfAbsent(l.key(), k -> new LinkedHashSet<>()).add(l.value()));
        List<Mutation> out = new ArrayList<>();
        for (Leaf l : leaves) {
            Set<JsonNode> candidates = new LinkedHashSet<>();
            candidates.add(nearby(l.value()));
            byKey.get(l.key()).stream().filter(v -> !v.equals(l.value())).limit(2).forEach(candidates::add);
            for (JsonNode c : candidates) {
                if (!c.equals(l.value())) {
                    out.add(new Mutation(l.file() + " " + l.at() + ": " + l.value() + " -> " + c, l.pattern(),
                            replaced(files, l.file(), l.at(), c)));
                }
            }
        }
        return out;
    }

    static List<Mutation> removals(Map<String, ObjectNode> files) {
        List<Mutation> out = new ArrayList<>();
        for (Sequence s : sequences(files)) {
            for (int i = 0; i < s.size(); i++) {
                Map<String, ObjectNode> copy = deepCopy(files);
                ((ArrayNode) copy.get(s.file()).at(s.at())).remove(i);
                out.add(new Mutation(s.file() + " " + s.at() + ": remove [" + i + "]", s.pattern(), copy));
            }
        }
        return out;
    }

    static List<Mutation> swaps(Map<String, ObjectNode> files) {
        List<Mutation> out = new ArrayList<>();
        for (Sequence s : sequences(files)) {
            if (s.size() >= 2) {
                Map<String, ObjectNode> copy = deepCopy(files);
                ArrayNode a = (ArrayNode) copy.get(s.file()).at(s.at());
                JsonNode first = a.get(0);
                a.set(0, a.get(1));
                a.set(1, first);
                out.add(new Mutation(s.file() + " " + s.at() + ": swap [0] and [1]", s.pattern(), copy));
            }
        }
        return out;
    }

    private static List<Sequence> sequences(Map<String, ObjectNode> files) {
        List<Sequence> out = new ArrayList<>();
        files.forEach((f, tree) -> walk(tree, JsonPointer.empty(), "",
                seq -> out.add(new Sequence(f, seq.at(), seq.pattern(), seq.size())), (at, pattern, v) -> { }));
        return out;
    }

    private interface LeafVisitor {
        void visit(JsonPointer at, String pattern, JsonNode value);
    }

    private record Seq(JsonPointer at, String pattern, int size) {}

    private static void walk(JsonNode n, JsonPointer at, String pattern, Consumer<Seq> lists, LeafVisitor leaves) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(k -> walk(n.get(k), at.appendProperty(k), YamlEdits.child(pattern, k), lists, leaves));
        } else if (n.isArray()) {
            lists.accept(new Seq(at, pattern, n.size()));
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), at.appendIndex(i), pattern + "[]", lists, leaves);
            }
        } else if (!n.isNull()) {
            leaves.visit(at, pattern, n);
        }
    }

    /** A value of the same shape as {@code v} but different: the next port, day, prefix length, duration... */
    static JsonNode nearby(JsonNode v) {
        if (v.isBoolean()) {
            return BooleanNode.valueOf(!v.booleanValue());
        }
        if (v.isIntegralNumber()) {
            return IntNode.valueOf(v.intValue() + 1);
        }
        String s = v.asText();
        Matcher m;
        if ((m = DIGITS.matcher(s)).matches()) {
            return text(s.substring(0, s.length() - 1) + (char) ('0' + (s.charAt(s.length() - 1) - '0' + 1) % 10));
        }
        if ((m = RANGE.matcher(s)).matches()) {
            return text(m.group(1) + "-" + (Integer.parseInt(m.group(2)) + 1));
        }
        if ((m = CIDR.matcher(s)).matches() && !s.contains("://")) {
            return text(m.group(1) + "/" + (Integer.parseInt(m.group(2)) + 1));
        }
        if ((m = IPV4.matcher(s)).matches()) {
            return text(m.group(1) + (Integer.parseInt(m.group(2)) + 1) % 256);
        }
        if ((m = AMOUNT.matcher(s)).matches()) {
            return text((Long.parseLong(m.group(1)) + 1) + m.group(2));
        }
        if ((m = TIME.matcher(s)).matches()) {
            return text(String.format("%02d:%s", (Integer.parseInt(m.group(1)) + 1) % 24, m.group(2)));
        }
        if ((m = HOST_PORT.matcher(s)).matches()) {
            return text(m.group(1) + ":" + (Integer.parseInt(m.group(2)) + 1));
        }
        if (DAYS.contains(s)) {
            return text(DAYS.get((DAYS.indexOf(s) + 1) % 7));
        }
        if (s.matches("https?://[^/]+")) {
            return text(s + "/v2");
        }
        return text(s + "x");
    }

    private static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    private static Map<String, ObjectNode> replaced(Map<String, ObjectNode> files, String file, JsonPointer at, JsonNode value) {
        Map<String, ObjectNode> copy = deepCopy(files);
        JsonNode parent = copy.get(file).at(at.head());
        if (parent.isArray()) {
            ((ArrayNode) parent).set(at.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) parent).set(at.last().getMatchingProperty(), value);
        }
        return copy;
    }

    private static Map<String, ObjectNode> deepCopy(Map<String, ObjectNode> files) {
        Map<String, ObjectNode> out = new TreeMap<>();
        files.forEach((f, t) -> out.put(f, t.deepCopy()));
        return out;
    }
}
