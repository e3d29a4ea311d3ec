package io.portcullis.config.digest.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Comparator;
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
import java.util.stream.IntStream;

/**
 * Writes the canonical JSON text of a configuration by walking its records: each record is an object of its
 * components, keys sorted; an empty {@code Optional} is {@code null}; a list is an array, sorted by the canonical
 * JSON of its elements when {@link FieldTable} says it is a set (a {@code Set} always is); a map is an object;
 * a record that is one variant of a sealed interface is wrapped in an object keyed by its variant
 * ({@code {"cidr": {"cidr": "10.0.0.0/8"}}}); a {@code Path} is a file, present only as the SHA-256 of its bytes.
 * Scalars: strings and booleans as such, integers as JSON numbers, enums by name, durations, instants and times in
 * ISO-8601 ({@code toString}), zones by id, URIs as written. A type not covered here fails the walk with its path,
 * so a new kind of field cannot slip into the digest unseen.
 *
 * <p>The text is written as the walk goes, into one buffer, with no tree in between: compact, keys in order, only
 * the escapes JSON requires, exactly as Jackson writes the same tree ({@link CanonicalJson#string}); an inline
 * policy document, parsed by Jackson, is the one part written from a (small) tree. An element of a set is written
 * to its own text for sorting, and that text is the element; the elements of a large set are written in parallel
 * (the text is the same whatever the order they are written in). Thread-safe if {@code files} is.
 */
public final class CanonicalForm {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A set of at least this many elements is written on every processor ({@link #texts}). */
    private static final int PARALLEL = 256;

    private final Function<? super Path, Optional<byte[]>> files;

    private CanonicalForm(Function<? super Path, Optional<byte[]>> files) {
        this.files = files;
    }

    /** {@code {"config": ..., "portcullisPlan": version}}; {@code files} reads a referenced file, or is empty. */
    public static String of(PortcullisConfig config, int version, Function<? super Path, Optional<byte[]>> files) {
        requireNonNull(config, "config");
        CanonicalForm form = new CanonicalForm(requireNonNull(files, "files"));
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("{\"config\":");
        form.value(config, null, new At(null, "config", -1), out);
        return out.append(",\"portcullisPlan\":").append(version).append('}').toString();
    }

    private void value(Object v, Treatment t, At at, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Optional<?> o) {
            if (o.isPresent()) {
                value(o.get(), t, at, out);
            } else {
                out.append("null");
            }
        } else if (v instanceof OptionalInt o) {
            out.append(o.isPresent() ? Integer.toString(o.getAsInt()) : "null");
        } else if (v instanceof OptionalLong o) {
            out.append(o.isPresent() ? Long.toString(o.getAsLong()) : "null");
        } else if (v instanceof Collection<?> c) {
            array(c, t == Treatment.UNORDERED || v instanceof Set, at, out);
        } else if (t != null && t != Treatment.ORDERED && t != Treatment.UNORDERED) {
            special(v, t, at, out);
        } else if (v instanceof Record r) {
            record(r, at, out);
        } else if (v instanceof RateLimitSettings r) { // a value class (it caches its hash), read as the record it stands for
            out.append("{\"capacity\":").append(r.capacity()).append(",\"key\":");
            value(r.key(), null, at.field("key"), out);
            out.append(",\"refillPeriod\":");
            value(r.refillPeriod(), null, at.field("refillPeriod"), out);
            out.append(",\"refillTokens\":").append(r.refillTokens()).append(",\"scope\":");
            value(r.scope(), null, at.field("scope"), out);
            out.append('}');
        } else if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), text(x, null, at.field(String.valueOf(k)))));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                CanonicalJson.string(e.getKey(), out);
                out.append(':').append(e.getValue());
            }
            out.append('}');
        } else {
            scalar(v, at, out);
        }
    }

    /** The text of one value on its own (an element to sort, a map's value). */
    private String text(Object v, Treatment t, At at) {
        StringBuilder out = new StringBuilder();
        value(v, t, at, out);
        return out.toString();
    }

    private void record(Record r, At at, StringBuilder out) {
        Shape shape = SHAPES.get(r.getClass());
        if (shape.variant() != null) {
            out.append('{');
            CanonicalJson.string(shape.variant(), out);
            out.append(':');
        }
        out.append('{');
        List<Component> components = shape.components();
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            Object x;
            try {
                x = c.accessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(at + "." + c.name() + ": cannot be read (" + e + ")", e);
            }
            if (i > 0) {
                out.append(',');
            }
            out.append(c.key()).append(':');
            value(x, c.treatment(), at.field(c.name()), out);
        }
        out.append('}');
        if (shape.variant() != null) {
            out.append('}');
        }
    }

    private void array(Collection<?> c, boolean sorted, At at, StringBuilder out) {
        out.append('[');
        int i = 0;
        if (!sorted) {
            for (Object x : c) {
                if (i > 0) {
                    out.append(',');
                }
                value(x, null, at.element(i++), out);
            }
            out.append(']');
            return;
        }
        // Sorted by the canonical text of each element: a total order that needs no per-type comparator. The
        // element is that text, so it is written once, not again within its parent.
        String[] texts = new String[c.size()];
        if (texts.length < PARALLEL) {
            for (Object x : c) {
                texts[i] = text(x, null, at.element(i));
                i++;
            }
            Arrays.sort(texts);
        } else {
            texts(new ArrayList<>(c), at, texts);
            Arrays.parallelSort(texts);
        }
        long length = out.length() + texts.length + 1L;
        for (String t : texts) {
            length += t.length();
        }
        if (length < Integer.MAX_VALUE - 16) {
            out.ensureCapacity((int) length); // one copy of what came before, not one per doubling
        }
        for (int k = 0; k < texts.length; k++) {
            if (k > 0) {
                out.append(',');
            }
            out.append(texts[k]);
        }
        out.append(']');
    }

    /**
     * The texts of a large set's elements (an estate's workloads and groups), written side by side on the common
     * pool: each element's text depends on the element alone, and the sort that follows fixes their order. A
     * failure is the one of the first element that failed, as the walk in order would report it.
     */
    private void texts(List<?> elements, At at, String[] into) {
        RuntimeException[] failed = new RuntimeException[into.length];
        IntStream.range(0, into.length).parallel().forEach(k -> {
            try {
                into[k] = text(elements.get(k), null, at.element(k));
            } catch (RuntimeException e) {
                failed[k] = e;
            }
        });
        for (RuntimeException e : failed) {
            if (e != null) {
                throw e;
            }
        }
    }

    private void special(Object v, Treatment t, At at, StringBuilder out) {
        switch (t) {
            case LOCATION -> out.append("{\"location\":\"excluded\"}");
            case SECRET_URL -> secretUrl((URI) v, out);
            case FILE_NAME -> file(pathOf((String) v), out);
            case URL_OR_FILE_NAME -> {
                if (((String) v).startsWith("https://")) {
                    out.append("{\"url\":");
                    CanonicalJson.string((String) v, out);
                    out.append('}');
                } else {
                    file(pathOf((String) v), out);
                }
            }
            case POLICY -> out.append(CanonicalJson.text(PolicyForm.of((PolicySource) v, files)));
            case ORDERED, UNORDERED -> throw new IllegalStateException(at + ": " + t + " applies to lists only");
        }
    }

    private void scalar(Object v, At at, StringBuilder out) {
        if (v instanceof String s) {
            CanonicalJson.string(s, out);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            out.append(v);
        } else if (v instanceof Enum<?> e) {
            CanonicalJson.string(e.name(), out);
        } else if (v instanceof Path p) {
            file(p, out);
        } else if (v instanceof URI || v instanceof Duration || v instanceof Instant || v instanceof LocalTime) {
            CanonicalJson.string(v.toString(), out);
        } else if (v instanceof ZoneId z) {
            CanonicalJson.string(z.getId(), out);
        } else {
            throw new IllegalStateException(at + ": no canonical form for " + v.getClass().getName()
                    + " (expected: a record, collection, map, Optional or a scalar type CanonicalForm knows)");
        }
    }

    /** {@code {"sha256": hex}} of the file's bytes, or {@code {"unreadable": true}}; never its path or content. */
    private void file(Path p, StringBuilder out) {
        Optional<byte[]> bytes = p == null ? Optional.empty() : files.apply(p);
        if (bytes.isPresent()) {
            out.append("{\"sha256\":\"").append(CanonicalJson.sha256Hex(bytes.get())).append("\"}");
        } else {
            out.append("{\"unreadable\":true}");
        }
    }

    /** The origin ({@code scheme://host[:port]}) and the SHA-256 of the whole URL, which may carry a token. */
    private static void secretUrl(URI u, StringBuilder out) {
        String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        out.append("{\"origin\":");
        CanonicalJson.string(origin, out);
        out.append(",\"sha256\":\"").append(CanonicalJson.sha256Hex(u.toString().getBytes(StandardCharsets.UTF_8)))
                .append("\"}");
    }

    private static Path pathOf(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * A record class as the walk reads it: its components in the order of their names (the canonical key order),
     * and its variant name if it is one of a sealed type.
     */
    private record Shape(List<Component> components, String variant) {
        static Shape of(Class<?> type) {
            List<Component> components = Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), CanonicalJson.string(c.getName()), c.getAccessor(),
                            FieldTable.of(type, c.getName())))
                    .sorted(Comparator.comparing(Component::name)).toList();
            boolean variant = Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
            String name = type.getSimpleName();
            return new Shape(components, variant ? name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1) : null);
        }
    }

    /** A component: its name, that name as a JSON string ({@code key}), how to read it and how it is treated. */
    private record Component(String name, String key, Method accessor, Treatment treatment) {}

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

    /** A tree object of {@code sorted}'s entries, in order (an inline policy's canonical form, {@link PolicyForm}). */
    static ObjectNode object(TreeMap<String, JsonNode> sorted) {
        ObjectNode node = NODES.objectNode();
        sorted.forEach(node::set);
        return node;
    }
}
