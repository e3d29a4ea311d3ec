package io.portcullis.cli.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A configuration directory being mutated: its YAML files as plain trees, addressed by section so that one
 * mutation works whatever file holds the section (the trading example splits sections over four files, the
 * demo keeps them in one). Only the files an edit touched are written back, so the others keep their comments
 * and line numbers.
 *
 * <p>Paths are a section name then keys and list indexes: {@code set("apis", "x", 0, "auth", "jwt", "jwks")}.
 * Missing mappings on the way are created.
 */
final class ConfigDir {

    private final Path dir;
    private final String home;
    private final Map<String, Map<String, Object>> loaded = new LinkedHashMap<>();
    private final java.util.Set<String> dirty = new java.util.LinkedHashSet<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    /** {@code home} is the file that receives sections no file holds yet. */
    ConfigDir(Path dir, String home) {
        this.dir = dir;
        this.home = home;
    }

    Path dir() {
        return dir;
    }

    /** The free port the base gave a listener ({@code orders}, {@code admin}, ...) or set aside ({@code spare}). */
    int port(String listener) {
        Integer p = ports.get(listener);
        if (p == null) {
            throw new IllegalArgumentException("port: '" + listener + "' (expected: one of " + ports.keySet() + ")");
        }
        return p;
    }

    void port(String listener, int port) {
        ports.put(listener, port);
    }

    Path file(String relative) {
        return dir.resolve(relative);
    }

    /** The file (relative name) that holds {@code section}, or the home file. */
    String fileOf(String section) {
        for (var e : loaded.entrySet()) {
            if (e.getValue().containsKey(section)) {
                return e.getKey();
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                if (doc(p.getFileName().toString()).containsKey(section)) {
                    return p.getFileName().toString();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /** The tree of one file, marked to be written back by {@link #save()}. */
    Map<String, Object> edit(String file) {
        dirty.add(file);
        return doc(file);
    }

    /** The tree of one file (an empty mapping for a new file). */
    private Map<String, Object> doc(String file) {
        return loaded.computeIfAbsent(file, f -> {
            Path p = dir.resolve(f);
            if (!Files.exists(p)) {
                return new LinkedHashMap<>();
            }
            Map<String, Object> root = yaml().load(text(f));
            return root == null ? new LinkedHashMap<>() : root;
        });
    }

    Object get(String section, Object... path) {
        Object node = doc(fileOf(section)).get(section);
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    /** Sets the value at {@code section.path}; an index one past the end of a list appends. */
    @SuppressWarnings("unchecked")
    void set(String section, Object value, Object... path) {
        Map<String, Object> root = edit(fileOf(section));
        if (path.length == 0) {
            root.put(section, value);
            return;
        }
        Object parent = root.computeIfAbsent(section, k -> new LinkedHashMap<>());
        for (int i = 0; i < path.length - 1; i++) {
            Object step = path[i];
            parent = step instanceof Integer n ? ((List<Object>) parent).get(n)
                    : ((Map<String, Object>) parent).computeIfAbsent((String) step, k -> new LinkedHashMap<>());
        }
        Object last = path[path.length - 1];
        if (last instanceof Integer n) {
            List<Object> list = (List<Object>) parent;
            if (n == list.size()) {
                list.add(value);
            } else {
                list.set(n, value);
            }
        } else {
            ((Map<String, Object>) parent).put((String) last, value);
        }
    }

    /** Removes the value at {@code section.path} (a whole section when the path is empty). */
    @SuppressWarnings("unchecked")
    void remove(String section, Object... path) {
        if (path.length == 0) {
            edit(fileOf(section)).remove(section);
            return;
        }
        edit(fileOf(section));
        Object[] parentPath = java.util.Arrays.copyOf(path, path.length - 1);
        Object parent = get(section, parentPath);
        Object last = path[path.length - 1];
        if (last instanceof Integer n) {
            ((List<Object>) parent).remove((int) n);
        } else {
            ((Map<String, Object>) parent).remove(last);
        }
    }

    /** Appends a deep copy of {@code section[index]}, changed by {@code fields}, to the section's list. */
    @SuppressWarnings("unchecked")
    void copyItem(String section, int index, Map<String, Object> fields) {
        edit(fileOf(section));
        List<Object> list = (List<Object>) get(section);
        Map<String, Object> copy = (Map<String, Object>) deepCopy(list.get(index));
        copy.putAll(fields);
        list.add(copy);
    }

    /** A deep copy of a tree, so that an edited copy does not change the original. */
    @SuppressWarnings("unchecked")
    static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, deepCopy(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return node;
    }

    String text(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file as text (creating its directory); a tree loaded from it is forgotten. */
    void write(String file, String text) {
        loaded.remove(file);
        dirty.remove(file);
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file (which must contain it), after writing back any pending tree edits. */
    void replace(String file, String from, String to) {
        save();
        String text = text(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " does not contain '" + from + "'");
        }
        write(file, text.replace(from, to));
    }

    /** Writes back every file a tree edit may have touched. */
    void save() {
        for (String file : List.copyOf(dirty)) {
            write(file, yaml().dump(loaded.get(file)));
        }
        loaded.clear();
    }

    /** SnakeYAML's instances are not thread-safe and not cheap to make: one per thread. */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(ConfigDir::newYaml);

    static Yaml yaml() {
        return YAML.get();
    }

    private static Yaml newYaml() {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndent(2);
        dump.setWidth(200);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dump), dump, new LoaderOptions());
    }
}
