package io.portcullis.config.docs;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration keys the parser accepts, as a tree, learnt from the parser itself: a mapping that holds a key
 * no accessor asked for is refused with {@code unknown key 'K' (expected one of: ...)}, which lists every key that
 * mapping accepts. So each mapping is probed with one made-up key, and each key it accepts is probed in turn as a
 * mapping and as a list of mappings; a key that is neither (a scalar, a list of scalars, a policy document) is a
 * leaf. Nothing here restates what the parser accepts, so the tree cannot drift from it.
 */
final class ConfigSchema {

    static final String PROBE = "zzProbe";

    /** One accepted key: its path ({@code apis[].auth.jwt}) and the keys under it, none for a leaf. */
    record Node(String path, Map<String, Node> children) {

        boolean leaf() {
            return children.isEmpty();
        }

        /** This node and every node below it. */
        void walk(Consumer<Node> visit) {
            visit.accept(this);
            children.values().forEach(c -> c.walk(visit));
        }

        /** The node at {@code relative} below this one ({@code auth.jwt}, {@code rateLimits[]}), if there is one. */
        Optional<Node> find(String relative) {
            Node at = this;
            for (String key : relative.split("\\.")) {
                at = at.children.get(key.endsWith("[]") ? key.substring(0, key.length() - 2) : key);
                if (at == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(at);
        }

        /** Whether {@code key} is accepted anywhere below this node. */
        boolean accepts(String key) {
            boolean[] found = {false};
            children.values().forEach(c -> c.walk(n -> found[0] |= n.path().endsWith("." + key) || n.path().equals(key)
                    || n.path().endsWith("." + key + "[]") || n.path().equals(key + "[]")));
            return found[0];
        }
    }

    private static final int MAX_DEPTH = 8;
    private final ConfigLoader loader = ConfigLoader.create();

    /** The root of the tree: the top-level sections. */
    static Node probe() {
        ConfigSchema schema = new ConfigSchema();
        return schema.node("", List.of(), 0).orElseThrow(() -> new AssertionError("the parser named no top-level key"));
    }

    /**
     * The node at {@code steps} (keys, and {@code []} for "an element of this list"), or empty when the value there is
     * not a mapping whose unknown keys the parser reports.
     */
    private Optional<Node> node(String path, List<String> steps, int depth) {
        Optional<List<String>> keys = keys(steps);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> children = new LinkedHashMap<>();
        for (String key : keys.get()) {
            String childPath = path.isEmpty() ? key : path + "." + key;
            List<String> child = new ArrayList<>(steps);
            child.add(key);
            Optional<Node> mapping = depth < MAX_DEPTH ? node(childPath, child, depth + 1) : Optional.empty();
            if (mapping.isPresent()) {
                children.put(key, mapping.get());
                continue;
            }
            child.add("[]");
            Optional<Node> list = depth < MAX_DEPTH ? node(childPath + "[]", child, depth + 1) : Optional.empty();
            children.put(key, list.orElse(new Node(childPath, Map.of())));
        }
        return Optional.of(new Node(path, Collections.unmodifiableMap(children)));
    }

    /** The keys the parser lists for the mapping at {@code steps}, when it reports the probe key there as unknown. */
    private Optional<List<String>> keys(List<String> steps) {
        StringBuilder yaml = new StringBuilder();
        StringBuilder at = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (String step : steps) {
            if (step.equals("[]")) {
                yaml.append('[');
                close.insert(0, ']');
                at.append("[0]");
            } else {
                yaml.append('{').append(step).append(": ");
                close.insert(0, '}');
                at.append(at.length() == 0 ? "" : ".").append(step);
            }
        }
        yaml.append('{').append(PROBE).append(": 1}").append(close);
        String probePath = (at.length() == 0 ? "" : at + ".") + PROBE;
        String prefix = "unknown key '" + PROBE + "' (expected one of: ";
        String text = yaml.toString();
        String document = text.substring(1, text.length() - 1); // the outer braces are the document's mapping
        for (Problem p : loader.loadString(steps.isEmpty() ? PROBE + ": 1" : document, "").errors()) {
            if (p.path().equals(probePath) && p.message().startsWith(prefix) && p.message().endsWith(")")) {
                String list = p.message().substring(prefix.length(), p.message().length() - 1);
                return Optional.of(Arrays.stream(list.split(", ")).filter(k -> !k.isEmpty()).toList());
            }
        }
        return Optional.empty();
    }
}
