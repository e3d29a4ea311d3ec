package io.portcullis.estate.write;

import io.portcullis.estate.aws.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a configuration section as it will be written: its fields in order (text, numbers, lists of
 * text, maps of text, JSON documents, or nested items such as ingress rules), the id its path is named after,
 * the source it was imported from (or several: a transit gateway connection comes from its attachments) and a
 * comment written above it.
 */
public final class Item {

    private final String id;
    private final List<Source> sources;
    private final String comment;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Item(String id, List<Source> sources, String comment) {
        this.id = id;
        this.sources = List.copyOf(sources);
        this.comment = comment;
    }

    public Item(String id, Source source, String comment) {
        this(id, List.of(source), comment);
    }

    /** Sets a field; null values and empty lists or maps are left out. */
    public Item put(String key, Object value) {
        if (value == null || (value instanceof List<?> l && l.isEmpty() && !key.equals("cidrs"))
                || (value instanceof Map<?, ?> m && m.isEmpty())) {
            return this;
        }
        fields.put(key, value);
        return this;
    }

    public String id() {
        return id;
    }

    public List<Source> sources() {
        return sources;
    }

    public String comment() {
        return comment;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public Object get(String key) {
        return fields.get(key);
    }

    /** The nested items under {@code key} (ingress rules), empty when none. */
    @SuppressWarnings("unchecked")
    public List<Item> items(String key) {
        Object v = fields.get(key);
        if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Item) {
            return (List<Item>) l;
        }
        return new ArrayList<>();
    }
}
