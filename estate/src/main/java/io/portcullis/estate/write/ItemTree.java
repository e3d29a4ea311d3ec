package io.portcullis.estate.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Items as the tree their YAML ({@link YamlEmitter}) reads as, built from the items rather than by parsing the
 * text: the loader takes it in place of a parse ({@code ConfigDocument}). Each value becomes the node the YAML
 * parser makes of what the emitter writes for it: text a text node, an integer an int node when it fits (a long
 * node otherwise), a boolean a boolean node, a list an array, a map an object with its keys as text, a JSON
 * document itself, a nested item an object. {@code ImportWriterTest} compares the two on every estate it imports.
 */
final class ItemTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemTree() {}

    static ObjectNode of(Item item) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, Object> e : item.fields().entrySet()) {
            node.set(e.getKey(), value(e.getValue()));
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v instanceof String text) {
            return NODES.textNode(text);
        }
        if (v instanceof Item child) {
            return of(child);
        }
        if (v instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(o -> array.add(value(o)));
            return array;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, o) -> object.set(String.valueOf(k), value(o)));
            return object;
        }
        if (v instanceof JsonNode json) {
            return json;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).intValue());
        }
        if (v instanceof Long l) {
            return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        throw new IllegalArgumentException("a value of type " + v.getClass().getName()
                + " (expected: text, an integer, a boolean, a list, a map, a JSON document or an item)");
    }
}
