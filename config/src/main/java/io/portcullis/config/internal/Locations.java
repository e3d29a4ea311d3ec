package io.portcullis.config.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where each value of one YAML file was written ({@code apis[0].auth.jwt.jwks} at line 12, column 9), and the
 * id or name of each element of a top-level list ({@code apis[0]} is {@code orders}). A path that was not recorded
 * itself (a value copied by an alias, or a key that is missing) is placed at its nearest recorded ancestor, so
 * every problem in a file gets a line.
 *
 * <p>Recorded when first asked, not while the file is loaded: most loads place no problem, and recording every
 * value's path of a large configuration (millions of paths for an imported estate) costs more than the YAML parse
 * itself. The recorder reads the same text again the same way ({@link SafeYaml#locations}), so the positions are
 * exactly those of the reading that produced the configuration; for a tree held without its text it names the
 * elements from the tree and records no position ({@link SafeYaml#labels}). Thread-safe: a plan's
 * {@code SourceMap} places problems found after loading, possibly on another thread.
 */
public final class Locations {

    /** A line and column, both counted from 1. */
    public record At(int line, int column) {}

    private Consumer<Locations> recorder;
    private Map<String, At> at;
    private Map<String, String> labels;

    /** Locations that {@code recorder} fills (through {@link #record} and {@link #label}) when first asked. */
    Locations(Consumer<Locations> recorder) {
        this.recorder = recorder;
    }

    void record(String path, int line, int column) {
        at.putIfAbsent(path, new At(line, column));
    }

    void label(String path, String name) {
        labels.putIfAbsent(path, name);
    }

    /** The position of {@code path} or of its nearest recorded ancestor; null when nothing in the file is. */
    public At find(String path) {
        Map<String, At> recorded = recorded();
        for (String p = path; ; p = parent(p)) {
            At found = recorded.get(p);
            if (found != null || p.isEmpty()) {
                return found;
            }
        }
    }

    /** {@code path} with each labelled element's id after its index: {@code apis[0](orders).auth.jwt}. */
    public String labelled(String path) {
        recorded();
        if (labels.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 16);
        int i = 0;
        while (i < path.length()) {
            int close = path.indexOf(']', i);
            if (close < 0) {
                out.append(path, i, path.length());
                break;
            }
            out.append(path, i, close + 1);
            String label = labels.get(path.substring(0, close + 1));
            if (label != null) {
                out.append('(').append(label).append(')');
            }
            i = close + 1;
        }
        return out.toString();
    }

    private synchronized Map<String, At> recorded() {
        if (at == null) {
            at = new HashMap<>();
            labels = new HashMap<>();
            recorder.accept(this);
            recorder = null; // the text it holds is no longer needed
        }
        return at;
    }

    /** {@code a.b[2].c} → {@code a.b[2]} → {@code a.b} → {@code a} → {@code ""}. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
