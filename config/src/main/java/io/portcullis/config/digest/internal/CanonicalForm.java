package io.portcullis.config.digest.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.digest.internal.FieldTable.Treatment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import io.portcullis.settings.RateLimitSettings;
import java.util.function.Function;

/**
 * Builds the canonical JSON tree of a configuration by walking its records: each record is an object of its
 * components, keys sorted; an empty {@code Optional} is {@code null}; a list is an array, sorted by the canonical
 * JSON of its elements when {@link FieldTable} says it is a set (a {@code Set} always is); a map is an object;
 * a record that is one variant of a sealed interface is wrapped in an object keyed by its variant
 * ({@code {"cidr": {"cidr": "10.0.0.0/8"}}}); a {@code Path} is a file, present only as the SHA-256 of its bytes.
 * Scalars: strings and booleans as such, integers as JSON numbers, enums by name, durations, instants and times in
 * ISO-8601 ({@code toString}), zones by id, URIs as written. A type not covered here fails the walk with its path,
 * so a new kind of field cannot slip into the digest unseen.
 */
public final class CanonicalForm {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Function<? super Path, Optional<byte[]>> files;

    private CanonicalForm(Function<? super Path, Optional<byte[]>> files) {
        this.files = files;
    }

    /** {@code {"config": ..., "portcullisPlan": version}}; {@code files} reads a referenced file, or is empty. */
    public static ObjectNode of(PortcullisConfig config, int version, Function<? super Path, Optional<byte[]>> files) {
        requireNonNull(config, "config");
        CanonicalForm form = new CanonicalForm(requireNonNull(files, "files"));
        TreeMap<String, JsonNode> top = new TreeMap<>();
        top.put("config", form.value(config, null, new At(null, "config", -1)));
        top.put("portcullisPlan", NODES.numberNode(version));
        return object(top);
    }

    private JsonNode value(Object v, Treatment t, At at) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? value(o.get(), t, at) : NODES.nullNode();
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? NODES.numberNode(o.getAsInt()) : NODES.nullNode();
        }
        if (v instanceof OptionalLong o) {
            return o.isPresent() ? NODES.numberNode(o.getAsLong()) : NODES.nullNode();
        }
        if (v instanceof Collection<?> c) {
            return array(c, t == Treatment.UNORDERED || v instanceof Set, at);
        }
        if (t != null && t != Treatment.ORDERED && t != Treatment.UNORDERED) {
            return special(v, t, at);
        }
        if (v instanceof Record r) {
            return record(r, at);
        }
        if (v instanceof RateLimitSettings r) { // a value class (it caches its hash), read as the record it stands for
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            fields.put("key", value(r.key(), null, at.field("key")));
            fields.put("capacity", NODES.numberNode(r.capacity()));
            fields.put("refillTokens", NODES.numberNode(r.refillTokens()));
            fields.put("refillPeriod", value(r.refillPeriod(), null, at.field("refillPeriod")));
            fields.put("scope", value(r.scope(), null, at.field("scope")));
            return object(fields);
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), value(x, null, at.field(String.valueOf(k)))));
            return object(sorted);
        }
        return scalar(v, at);
    }

    private JsonNode record(Record r, At at) {
        Shape shape = SHAPES.get(r.getClass());
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        for (Component c : shape.components()) {
            Object x;
            try {
                x = c.accessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(at + "." + c.name() + ": cannot be read (" + e + ")", e);
            }
            fields.put(c.name(), value(x, c.treatment(), at.field(c.name())));
        }
        ObjectNode node = object(fields);
        return shape.variant() == null ? node : object(new TreeMap<>(Map.of(shape.variant(), node)));
    }

    private JsonNode array(Collection<?> c, boolean sorted, At at) {
        ArrayNode out = NODES.arrayNode(c.size());
        if (!sorted) {
            int i = 0;
            for (Object x : c) {
                out.add(value(x, null, at.element(i++)));
            }
            return out;
        }
        // Sorted by the canonical text of each element: a total order that needs no per-type comparator. The
        // element is kept as that text (written as it is), so it is written once, not again within its parent.
        List<String> texts = new ArrayList<>(c.size());
        int i = 0;
        for (Object x : c) {
            texts.add(CanonicalJson.text(value(x, null, at.element(i++))));
        }
        texts.sort(null);
        texts.forEach(text -> out.addRawValue(new RawValue(text)));
        return out;
    }

    private JsonNode special(Object v, Treatment t, At at) {
        return switch (t) {
            case LOCATION -> object(new TreeMap<>(Map.of("location", NODES.textNode("excluded"))));
            case SECRET_URL -> secretUrl((URI) v);
            case FILE_NAME -> file(pathOf((String) v));
            case URL_OR_FILE_NAME -> ((String) v).startsWith("https://")
                    ? object(new TreeMap<>(Map.of("url", NODES.textNode((String) v)))) : file(pathOf((String) v));
            case POLICY -> PolicyForm.of((PolicySource) v, files);
            case ORDERED, UNORDERED -> throw new IllegalStateException(at + ": " + t + " applies to lists only");
        };
    }

    private JsonNode scalar(Object v, At at) {
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer n) {
            return NODES.numberNode(n);
        }
        if (v instanceof Long n) {
            return NODES.numberNode(n);
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof Path p) {
            return file(p);
        }
        if (v instanceof URI || v instanceof Duration || v instanceof Instant || v instanceof LocalTime) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof ZoneId z) {
            return NODES.textNode(z.getId());
        }
        throw new IllegalStateException(at + ": no canonical form for " + v.getClass().getName()
                + " (expected: a record, collection, map, Optional or a scalar type CanonicalForm knows)");
    }

    /** {@code {"sha256": hex}} of the file's bytes, or {@code {"unreadable": true}}; never its path or content. */
    JsonNode file(Path p) {
        Optional<byte[]> bytes = p == null ? Optional.empty() : files.apply(p);
        return bytes.isPresent()
                ? object(new TreeMap<>(Map.of("sha256", NODES.textNode(CanonicalJson.sha256Hex(bytes.get())))))
                : object(new TreeMap<>(Map.of("unreadable", NODES.booleanNode(true))));
    }

    /** The origin ({@code scheme://host[:port]}) and the SHA-256 of the whole URL, which may carry a token. */
    private static JsonNode secretUrl(URI u) {
        String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        TreeMap<String, JsonNode> out = new TreeMap<>();
        out.put("origin", NODES.textNode(origin));
        out.put("sha256", NODES.textNode(CanonicalJson.sha256Hex(u.toString().getBytes(StandardCharsets.UTF_8))));
        return object(out);
    }

    private static Path pathOf(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A record class as the walk reads it: its components, and its variant name if it is one of a sealed type. */
    private record Shape(List<Component> components, String variant) {
        static Shape of(Class<?> type) {
            List<Component> components = Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), c.getAccessor(), FieldTable.of(type, c.getName()))).toList();
            boolean variant = Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
            String name = type.getSimpleName();
            return new Shape(components, variant ? name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1) : null);
        }
    }

    private record Component(String name, Method accessor, Treatment treatment) {}

    /** Each record class's shape, found once (reflection allocates on every call). */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /**
     * Where the walk is ({@code config.apis[2].serving}), for the message of a value it cannot write; built into
     * text only then.
     */
    private record At(At parent, String name, int index) {
        At field(String component) {
            return new At(this, component, -1);
        }

        At element(int i) {
            return new At(this, null, i);
        }

        @Override
        public String toString() {
            String here = name != null ? name : "[" + index + "]";
            return parent == null ? here : parent + (name != null ? "." : "") + here;
        }
    }

    static ObjectNode object(TreeMap<String, JsonNode> sorted) {
        ObjectNode node = NODES.objectNode();
        sorted.forEach(node::set);
        return node;
    }
}
