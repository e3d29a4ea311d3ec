package io.portcullis.config.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Rewrites of configuration YAML trees that must not change the digest, and the walk the mutation test uses. A
 * place in a tree is named by its pattern: keys joined by dots, every list index written {@code []}
 * ({@code securityGroups[].ingress}).
 */
final class YamlEdits {

    /**
     * The YAML lists whose order has no meaning, restated here in the configuration's own terms so that the test
     * checks docs/plan-digest.md's table rather than repeating the code's.
     */
    static final Set<String> UNORDERED = Set.of("accounts", "vpcs", "connections", "vpcEndpoints", "prefixLists",
            "securityGroups", "workloads", "apis", "vpcs[].cidrs", "connections[].vpcs", "prefixLists[].cidrs",
            "securityGroups[].includes", "securityGroups[].extends", "securityGroups[].ingress[].schedule.days",
            "workloads[].addresses", "workloads[].groups", "partners", "partners[].cidrs", "partners[].groups",
            "partners[].certificates", "apis[].securityGroups", "apis[].trustedProxies",
            "apis[].routes[].methods", "apis[].routes[].requires.scopes", "apis[].routes[].requires.roles",
            "apis[].routes[].requires.window.days", "apis[].auth.jwt.audiences", "apis[].auth.jwt.algorithms",
            "alerts.rules", "threatFeeds");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlEdits() {}

    /** A deep copy with the keys of every mapping in reverse order. */
    static JsonNode reverseKeys(JsonNode n) {
        return reorderKeys(n, keys -> {
            Collections.reverse(keys);
            return keys;
        });
    }

    /** A deep copy with the keys of every mapping in a random order. */
    static JsonNode shuffleKeys(JsonNode n, Random random) {
        return reorderKeys(n, keys -> {
            Collections.shuffle(keys, random);
            return keys;
        });
    }

    private static JsonNode reorderKeys(JsonNode n, UnaryOperator<List<String>> order) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            ObjectNode out = NODES.objectNode();
            order.apply(keys).forEach(k -> out.set(k, reorderKeys(n.get(k), order)));
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = NODES.arrayNode();
            n.forEach(x -> out.add(reorderKeys(x, order)));
            return out;
        }
        return n;
    }

    /** A deep copy in which every list named in {@link #UNORDERED} is reordered by {@code order}. */
    static JsonNode reorderSets(JsonNode n, UnaryOperator<List<JsonNode>> order) {
        return reorderSets(n, "", order);
    }

    private static JsonNode reorderSets(JsonNode n, String pattern, UnaryOperator<List<JsonNode>> order) {
        if (n.isObject()) {
            ObjectNode out = NODES.objectNode();
            n.fieldNames().forEachRemaining(k -> out.set(k, reorderSets(n.get(k), child(pattern, k), order)));
            return out;
        }
        if (n.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            n.forEach(x -> items.add(reorderSets(x, pattern + "[]", order)));
            ArrayNode out = NODES.arrayNode();
            (UNORDERED.contains(pattern) ? order.apply(items) : items).forEach(out::add);
            return out;
        }
        return n;
    }

    static String child(String pattern, String key) {
        return pattern.isEmpty() ? key : pattern + "." + key;
    }

    /** All sections of all files in one document, lists concatenated in file order. */
    static Map<String, ObjectNode> oneFile(Map<String, ObjectNode> files) {
        ObjectNode all = NODES.objectNode();
        files.values().forEach(f -> f.fieldNames().forEachRemaining(k -> {
            JsonNode v = f.get(k);
            if (v.isArray()) {
                ((ArrayNode) all.withArray(k)).addAll((ArrayNode) v);
            } else {
                all.set(k, v);
            }
        }));
        return Map.of("all.yaml", all);
    }

    /**
     * Every list item and every node section in a file of its own; the file names put the items in the order that
     * {@code order} gives them (the loader reads a directory in name order).
     */
    static Map<String, ObjectNode> filePerItem(Map<String, ObjectNode> files, UnaryOperator<List<ObjectNode>> order) {
        List<ObjectNode> pieces = new ArrayList<>();
        oneFile(files).get("all.yaml").fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(item -> pieces.add(NODES.objectNode().set(e.getKey(), NODES.arrayNode().add(item))));
            } else {
                pieces.add(NODES.objectNode().set(e.getKey(), e.getValue()));
            }
        });
        Map<String, ObjectNode> out = new TreeMap<>();
        List<ObjectNode> ordered = order.apply(pieces);
        for (int i = 0; i < ordered.size(); i++) {
            out.put(String.format("part-%03d.yaml", i), ordered.get(i));
        }
        return out;
    }

    static <T> UnaryOperator<List<T>> reversed() {
        return l -> {
            List<T> out = new ArrayList<>(l);
            Collections.reverse(out);
            return out;
        };
    }

    static <T> UnaryOperator<List<T>> shuffled(Random random) {
        return l -> {
            List<T> out = new ArrayList<>(l);
            Collections.shuffle(out, random);
            return out;
        };
    }
}
