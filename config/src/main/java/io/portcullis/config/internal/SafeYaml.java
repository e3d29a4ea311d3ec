package io.portcullis.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into a plain tree, safely: the parser never instantiates application types (tags are not
 * honoured), duplicate keys are errors, and size and depth are limited.
 *
 * <p>Anchors and aliases are resolved here, because Jackson's YAML parser hands an alias over as the anchor's
 * name: an alias ({@code *name}) stands for a copy of the mapping or sequence its anchor ({@code &name}) marked
 * earlier in the document (the parser does not report anchors on scalars, so an alias of one is an error that
 * says so), and a merge key ({@code <<: *name} or {@code <<: [*a, *b]})
 * adds the merged mappings' keys that the mapping does not set itself (YAML's merge-key rule). Expansion is
 * bounded twice, so an "alias bomb" is refused rather than expanded: at most {@value #MAX_ALIASES} aliases per
 * document, and at most {@value #MAX_NODES} nodes in the expanded tree.
 */
public final class SafeYaml {

    static final int MAX_ALIASES = 50;
    static final int MAX_NODES = 1_000_000;
    static final int MAX_CODE_POINTS = 16 * 1024 * 1024;
    private static final String MERGE_KEY = "<<";

    private final YAMLFactory factory;

    public SafeYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(64);
        options.setAllowRecursiveKeys(false);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
    }

    /** Parses {@code text}; on failure reports the line and column and returns null. */
    public JsonNode read(String text, Problems problems) {
        try (YAMLParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return JsonNodeFactory.instance.objectNode();
            }
            return new TreeBuilder(parser, null).value(first, null);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            if (loc != null) {
                problems.errorAt(loc.getLineNr(), loc.getColumnNr(), "invalid YAML: " + e.getOriginalMessage());
            } else {
                problems.error("", "invalid YAML: " + e.getOriginalMessage());
            }
            return null;
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some limits (code points, depth) as its own runtime exceptions.
            problems.error("", "invalid YAML: " + e.getMessage());
            return null;
        }
    }

    /**
     * Where each value of {@code text} was written, recorded when first asked by reading {@code text} again as
     * {@link #read} does (same parser, same tree, aliases expanded the same way).
     */
    public Locations locations(String text) {
        return new Locations(into -> record(text, into));
    }

    /**
     * The element names of a tree held without its text ({@link io.portcullis.config.ConfigDocument#tree}), as
     * {@link #locations} of its text would label them, and no positions: its problems are placed by path and name.
     */
    public static Locations labels(JsonNode tree) {
        return new Locations(into -> label(tree, "", into));
    }

    private static void label(JsonNode node, String path, Locations into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                label(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String element = path + "[" + i + "]";
                label(node.get(i), element, into);
                TreeBuilder.label(element, node.get(i), into);
            }
        }
    }

    private void record(String text, Locations into) {
        try (YAMLParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != null) {
                new TreeBuilder(parser, into).value(first, "");
            }
        } catch (IOException | RuntimeException e) {
            // read reported it; the values before the problem keep their places, as they did when read
        }
    }

    /**
     * One document's tree, built from the parser's tokens with anchors remembered and aliases expanded. With
     * {@code locations}, each value's path and position are recorded there; without (null), no path is built.
     */
    private static final class TreeBuilder {

        private final YAMLParser parser;
        private final Locations locations; // null: not recording, and every path is null
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private final Map<String, JsonNode> anchors = new HashMap<>();
        private int aliases;
        private long size;

        TreeBuilder(YAMLParser parser, Locations locations) {
            this.parser = parser;
            this.locations = locations;
        }

        JsonNode value(JsonToken token, String path) throws IOException {
            if (locations != null) {
                JsonLocation start = parser.currentTokenLocation();
                locations.record(path, start.getLineNr(), start.getColumnNr());
            }
            if (parser.isCurrentAlias()) {
                return alias(parser.getText());
            }
            Object anchor = parser.getObjectId();
            JsonNode node = switch (token) {
                case START_OBJECT -> mapping(path);
                case START_ARRAY -> sequence(path);
                case VALUE_STRING -> nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
                case VALUE_TRUE -> nodes.booleanNode(true);
                case VALUE_FALSE -> nodes.booleanNode(false);
                case VALUE_NULL -> nodes.nullNode();
                case VALUE_EMBEDDED_OBJECT -> nodes.binaryNode(parser.getBinaryValue());
                default -> throw new JsonParseProblem(parser, "unexpected " + token);
            };
            count(1);
            if (anchor != null) {
                anchors.put(anchor.toString(), node);
            }
            return node;
        }

        private ObjectNode mapping(String path) throws IOException {
            ObjectNode object = nodes.objectNode();
            ObjectNode merged = null;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String key = parser.currentName();
                String child = null;
                if (locations != null) {
                    child = path.isEmpty() ? key : path + "." + key;
                    JsonLocation keyAt = parser.currentTokenLocation(); // a key's line is where its value is read
                    locations.record(child, keyAt.getLineNr(), keyAt.getColumnNr());
                }
                JsonNode value = value(parser.nextToken(), child);
                if (MERGE_KEY.equals(key)) {
                    merged = merge(merged == null ? nodes.objectNode() : merged, value);
                } else {
                    object.set(key, value);
                }
            }
            if (merged != null) {
                putAbsent(object, merged);
            }
            return object;
        }

        /** {@code <<: mapping} or {@code <<: [mapping, ...]}: earlier mappings win over later ones. */
        private ObjectNode merge(ObjectNode into, JsonNode value) throws JsonParseProblem {
            if (value.isObject()) {
                putAbsent(into, value);
                return into;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (!element.isObject()) {
                        throw new JsonParseProblem(parser, "a merge key ('<<') takes a mapping or a list of mappings");
                    }
                    merge(into, element);
                }
                return into;
            }
            throw new JsonParseProblem(parser, "a merge key ('<<') takes a mapping or a list of mappings");
        }

        /** The keys of {@code from} that {@code into} does not set yet: the merge-key rule (own keys win). */
        private static void putAbsent(ObjectNode into, JsonNode from) {
            for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!into.has(e.getKey())) {
                    into.set(e.getKey(), e.getValue());
                }
            }
        }

        private ArrayNode sequence(String path) throws IOException {
            ArrayNode array = nodes.arrayNode();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                String element = locations == null ? null : path + "[" + array.size() + "]";
                JsonNode value = value(t, element);
                array.add(value);
                if (locations != null) {
                    label(element, value, locations);
                }
            }
            return array;
        }

        /** An element is named by its {@code id}, else its {@code name}, when that is non-blank text. */
        static void label(String element, JsonNode value, Locations into) {
            JsonNode id = value.has("id") ? value.get("id") : value.get("name");
            if (id != null && id.isTextual() && !id.asText().isBlank()) {
                into.label(element, id.asText());
            }
        }

        private JsonNode alias(String name) throws JsonParseProblem {
            JsonNode anchored = anchors.get(name);
            if (anchored == null) {
                throw new JsonParseProblem(parser, "alias '*" + name + "' refers to no anchor '&" + name
                        + "' on a mapping or list earlier in the document (anchors on single values are not supported)");
            }
            if (++aliases > MAX_ALIASES) {
                throw new JsonParseProblem(parser, "more than " + MAX_ALIASES + " aliases in one document");
            }
            count(nodeCount(anchored, MAX_NODES - size + 1));
            return anchored.deepCopy();
        }

        private void count(long added) throws JsonParseProblem {
            size += added;
            if (size > MAX_NODES) {
                throw new JsonParseProblem(parser, "the document expands to more than " + MAX_NODES
                        + " values (aliases copy what their anchor marks)");
            }
        }

        /** The nodes in {@code node}'s tree, counted up to {@code limit}. */
        private static long nodeCount(JsonNode node, long limit) {
            long n = 1;
            for (Iterator<JsonNode> it = node.elements(); it.hasNext() && n < limit; ) {
                n += nodeCount(it.next(), limit - n);
            }
            return n;
        }
    }

    /** A problem found while building the tree, reported with the parser's location like a syntax error. */
    private static final class JsonParseProblem extends JsonProcessingException {
        JsonParseProblem(JsonParser parser, String message) {
            super(message, parser.currentTokenLocation());
        }
    }
}
