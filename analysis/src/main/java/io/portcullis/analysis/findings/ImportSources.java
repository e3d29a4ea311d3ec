package io.portcullis.analysis.findings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the importer read each item of an imported configuration: {@code import-sources.json} in the
 * configuration directory. Two shapes are read: what {@code portcullis import aws} writes,
 * {@code {"items": [{"file": "20-security-groups.yaml", "path": "securityGroups[3](sg-x).ingress[1]",
 * "sources": [{"file": "SecurityGroups.json", "pointer": "/SecurityGroups/3/IpPermissions/1"}]}]}}, and a plain
 * object from configuration paths to one {@code {file, pointer}}. A path is written as {@code validate} names it
 * in its file, with or without the ids, optionally prefixed with the file's name and a colon
 * ({@code groups.yaml:securityGroups[3]}). An element without an entry of its own takes its parent's (a rule of a
 * group traced whole).
 */
public final class ImportSources {

    public static final String FILE = "import-sources.json";
    static final ImportSources NONE = new ImportSources(Map.of());

    private final Map<String, List<Resource.ImportSource>> byPath;

    private ImportSources(Map<String, List<Resource.ImportSource>> byPath) {
        this.byPath = byPath;
    }

    /** The import sources of the configuration at {@code paths} (a directory holding {@value #FILE}), else none. */
    public static ImportSources of(List<Path> paths) {
        for (Path p : paths) {
            Path f = (Files.isDirectory(p) ? p : p.toAbsolutePath().getParent()).resolve(FILE);
            if (Files.isRegularFile(f)) {
                return read(f);
            }
        }
        return NONE;
    }

    /**
     * The import sources given in memory (an import analysed without writing it): each key a configuration path as
     * {@value #FILE} names it, {@code FILE:PATH} or {@code PATH}, to where the item was read.
     */
    public static ImportSources of(Map<String, List<Resource.ImportSource>> byPath) {
        return new ImportSources(Map.copyOf(byPath));
    }

    static ImportSources read(Path file) {
        InputTree.Read read = InputTree.read(file);
        InputTree t = read.tree();
        Map<String, List<Resource.ImportSource>> out = new HashMap<>();
        JsonNode root = read.root();
        if (root.isObject() && root.size() == 1 && root.has("items")) {
            List<JsonNode> items = t.list(root.get("items"), "/items", "{file, path, sources}");
            for (int i = 0; i < items.size(); i++) {
                String at = "/items/" + i;
                if (t.object(items.get(i), at, Set.of("file", "path", "sources"))) {
                    String path = t.text(items.get(i).get("path"), at + "/path", "the item's configuration path");
                    JsonNode f = items.get(i).get("file");
                    List<Resource.ImportSource> sources = new ArrayList<>();
                    List<JsonNode> list = t.list(items.get(i).get("sources"), at + "/sources", "{file, pointer}");
                    for (int k = 0; k < list.size(); k++) {
                        source(t, list.get(k), at + "/sources/" + k, sources);
                    }
                    if (path != null) {
                        out.put(f == null || f.asText().isEmpty() ? path : f.asText() + ":" + path, sources);
                    }
                }
            }
        } else if (t.object(root, "", Set.of())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<Resource.ImportSource> sources = new ArrayList<>();
                source(t, e.getValue(), "/" + InputTree.escape(e.getKey()), sources);
                out.put(e.getKey(), sources);
            }
        }
        t.done();
        return new ImportSources(Map.copyOf(out));
    }

    private static void source(InputTree t, JsonNode node, String at, List<Resource.ImportSource> into) {
        if (!t.object(node, at, Set.of("file", "pointer"))) {
            return;
        }
        String f = t.text(node.get("file"), at + "/file", "the AWS CLI output file the item was read from");
        JsonNode pointer = node.get("pointer");
        if (pointer == null || !pointer.isTextual() || !(pointer.asText().isEmpty() || pointer.asText().startsWith("/"))) {
            t.problem(at + "/pointer", "'" + (pointer == null ? "" : pointer.asText()) + "' (expected: a JSON pointer such as /SecurityGroups/0)");
        } else if (f != null) {
            into.add(new Resource.ImportSource(f, pointer.asText()));
        }
    }

    /** The sources of the element at {@code path}/{@code named} of {@code file}, or of its nearest parent that has some. */
    List<Resource.ImportSource> find(String file, String path, String named) {
        if (byPath.isEmpty()) {
            return List.of();
        }
        String name = file.isEmpty() ? "" : Path.of(file).getFileName().toString();
        for (String p = named, q = path; !p.isEmpty() || !q.isEmpty(); p = parent(p), q = parent(q)) {
            for (String key : new String[] {name + ":" + p, name + ":" + q, p, q}) {
                List<Resource.ImportSource> s = byPath.get(key);
                if (s != null && !s.isEmpty()) {
                    return s;
                }
            }
        }
        return List.of();
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
