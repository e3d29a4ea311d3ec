package io.portcullis.analysis.findings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the importer read each item of an imported configuration: {@code import-sources.json} in the
 * configuration directory, a JSON object from configuration paths to {@code {file, pointer}}. A path is written as
 * {@code validate} names it in its file ({@code securityGroups[3](sg-x).ingress[1]}), with or without the ids,
 * optionally prefixed with the file's name in the directory and a colon ({@code groups.yaml:securityGroups[3]}).
 * An element without an entry of its own takes its parent's ({@code ingress[1]} of a group imported whole).
 */
public final class ImportSources {

    public static final String FILE = "import-sources.json";
    static final ImportSources NONE = new ImportSources(Map.of());

    private final Map<String, Resource.ImportSource> byPath;

    private ImportSources(Map<String, Resource.ImportSource> byPath) {
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

    static ImportSources read(Path file) {
        InputTree.Read read = InputTree.read(file);
        InputTree t = read.tree();
        Map<String, Resource.ImportSource> out = new HashMap<>();
        if (t.object(read.root(), "", Set.of())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = read.root().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "/" + InputTree.escape(e.getKey());
                if (t.object(e.getValue(), at, Set.of("file", "pointer"))) {
                    String f = t.text(e.getValue().get("file"), at + "/file", "the AWS CLI output file the item was read from");
                    JsonNode pointer = e.getValue().get("pointer");
                    if (pointer == null || !pointer.isTextual() || !(pointer.asText().isEmpty() || pointer.asText().startsWith("/"))) {
                        t.problem(at + "/pointer", "'" + (pointer == null ? "" : pointer.asText()) + "' (expected: a JSON pointer such as /SecurityGroups/0)");
                    } else if (f != null) {
                        out.put(e.getKey(), new Resource.ImportSource(f, pointer.asText()));
                    }
                }
            }
        }
        t.done();
        return new ImportSources(Map.copyOf(out));
    }

    /** The source of the element at {@code path}/{@code named} of {@code file}, or of its nearest parent that has one. */
    Optional<Resource.ImportSource> find(String file, String path, String named) {
        if (byPath.isEmpty()) {
            return Optional.empty();
        }
        String name = file.isEmpty() ? "" : Path.of(file).getFileName().toString();
        for (String p = named, q = path; !p.isEmpty() || !q.isEmpty(); p = parent(p), q = parent(q)) {
            for (String key : new String[] {p, q, name + ":" + p, name + ":" + q}) {
                Resource.ImportSource s = byPath.get(key);
                if (s != null) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
