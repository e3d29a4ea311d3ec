package io.portcullis.config.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.portcullis.config.docs.ConfigSchema.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the configuration keys a Markdown document names and checks each against {@link ConfigSchema}. Two places
 * name keys:
 * <ul>
 *   <li>Fenced {@code yaml} blocks: every key, at its place in the tree. A block whose top-level keys are sections is
 *       placed at the root; otherwise (a fragment such as one {@code apis[]} entry, or a list of them) at the
 *       sections whose keys include all of its top-level keys, and it must fit one of them.</li>
 *   <li>Key tables: a table whose header starts with {@code section}, {@code field}, {@code setting} or {@code key}.
 *       The first column names keys in backticks: sections ({@code apis[]}, {@code ingress[]}) in a section table,
 *       otherwise keys of the sections the nearest heading names in backticks ({@code ## Configuration (`audit`
 *       section)}), written relative to them or to a section above them ({@code auth.jwt}, {@code rateLimits[]}). A
 *       field table under a heading that names no section describes something else (event fields) and is skipped.
 *       When a row's key holds keys of its own ({@code tls}, {@code limits}), the identifiers in backticks in its other
 *       cells outside parentheses are its keys and must be accepted below it; in parentheses are values and
 *       explanations ({@code `clientAuth` (`none`, `optional`, `required`)}), not checked.</li>
 * </ul>
 * Prose is not read: a key named only in a sentence is not checked.
 */
final class DocumentedKeys {

    /** What one document names that the parser refuses, and which key tables and snippets were checked. */
    record Report(List<String> problems, List<String> tables, int snippets) {}

    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]*(\\[])?(\\.[a-z][A-Za-z0-9]*(\\[])?)*");
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z]*)\\s*$");
    private static final Set<String> FIELD_HEADERS = Set.of("field", "setting", "key");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Node root;
    private final Map<String, Node> byPath = new LinkedHashMap<>();

    DocumentedKeys(Node root) {
        this.root = root;
        root.walk(n -> byPath.put(n.path(), n));
    }

    Report check(String name, String markdown) {
        List<String> problems = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        int snippets = 0;
        List<String> lines = markdown.lines().toList();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                int start = i;
                StringBuilder block = new StringBuilder();
                for (i++; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                String info = fence.group(1).toLowerCase(Locale.ROOT);
                if (info.equals("yaml") || info.equals("yml")) {
                    snippets++;
                    snippet(name, start + 2, block.toString(), problems);
                }
            } else if (line.startsWith("#")) {
                heading = line;
            } else if (line.startsWith("|") && i + 1 < lines.size() && lines.get(i + 1).matches("\\|\\s*:?-{3,}.*")) {
                List<List<String>> rows = new ArrayList<>();
                int first = i + 2;
                for (i = first; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                    rows.add(cells(lines.get(i)));
                }
                i--;
                String kind = cells(line).get(0).toLowerCase(Locale.ROOT).split(" ")[0];
                if (kind.equals("section")) {
                    tables.add(name + ": " + line);
                    table(name, first, rows, List.of(root), problems);
                } else if (FIELD_HEADERS.contains(kind)) {
                    List<Node> context = sections(heading);
                    if (!context.isEmpty()) {
                        tables.add(name + ": " + line);
                        table(name, first, rows, context, problems);
                    }
                }
            }
        }
        return new Report(problems, tables, snippets);
    }

    private void table(String name, int firstLine, List<List<String>> rows, List<Node> context, List<String> problems) {
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            String at = name + ":" + (firstLine + r + 1) + ": ";
            for (String key : keys(cells.get(0), false)) {
                List<Node> nodes = resolve(key, context);
                if (nodes.isEmpty()) {
                    problems.add(at + "`" + key + "` is no key of " + describe(context));
                    continue;
                }
                if (nodes.stream().allMatch(Node::leaf)) {
                    continue;
                }
                for (String cell : cells.subList(1, cells.size())) {
                    for (String inner : keys(cell, true)) {
                        if (nodes.stream().noneMatch(n -> n.find(inner).isPresent() || n.accepts(inner))) {
                            problems.add(at + "`" + inner + "` (in the row of `" + key + "`) is no key of " + describe(nodes));
                        }
                    }
                }
            }
        }
    }

    /** {@code name:line} of the first line of {@code yaml} (which starts at {@code first}) that writes {@code key:}. */
    private static String line(String name, int first, String yaml, String key) {
        Pattern writes = Pattern.compile("(^|[\\s{,-])\"?" + Pattern.quote(key) + "\"?\\s*:");
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (writes.matcher(lines.get(i)).find()) {
                return name + ":" + (first + i);
            }
        }
        return name + ":" + first;
    }

    private void snippet(String name, int first, String yaml, List<String> problems) {
        String at = name + ":" + first;
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            problems.add(at + ": the yaml block does not parse: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        JsonNode sample = tree != null && tree.isArray() && !tree.isEmpty() ? tree.get(0) : tree;
        if (sample == null || !sample.isObject()) {
            return;
        }
        List<String> top = new ArrayList<>();
        sample.fieldNames().forEachRemaining(k -> {
            if (!ignored(k)) {
                top.add(k);
            }
        });
        List<Node> places = new ArrayList<>();
        if (!tree.isArray() && root.children().keySet().containsAll(top)) {
            places.add(root);
        } else {
            byPath.values().stream().filter(n -> !n.leaf() && n.children().keySet().containsAll(top)).forEach(places::add);
        }
        if (places.isEmpty()) {
            problems.add(at + ": the yaml block's keys " + top + " fit no section of the configuration");
            return;
        }
        List<String> fewest = null;
        for (Node place : places) {
            List<String> found = new ArrayList<>();
            walk(key -> line(name, first, yaml, key), place, tree, found);
            if (fewest == null || found.size() < fewest.size()) {
                fewest = found;
            }
        }
        problems.addAll(fewest);
    }

    private void walk(java.util.function.Function<String, String> at, Node node, JsonNode value, List<String> problems) {
        if (value.isArray()) {
            value.forEach(item -> walk(at, node, item, problems));
            return;
        }
        if (!value.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (ignored(e.getKey()) && node == root || e.getKey().equals("<<")) {
                continue;
            }
            Node child = node.children().get(e.getKey());
            if (child == null) {
                problems.add(at.apply(e.getKey()) + ": `" + e.getKey() + "` is no key of " + describe(List.of(node)));
            } else if (!child.leaf()) {
                walk(at, child, e.getValue(), problems);
            }
        }
    }

    private static boolean ignored(String key) {
        return key.startsWith("x-") || key.equals("<<");
    }

    /** The sections a heading names in backticks ({@code `audit`}, {@code `apis[]`}, {@code `auth.jwt`}). */
    private List<Node> sections(String heading) {
        List<Node> out = new ArrayList<>();
        for (String token : backticked(heading)) {
            if (KEY.matcher(token).matches()) {
                anywhere(token).stream().filter(n -> !n.leaf()).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The nodes {@code key} names: below a context node or one of its ancestors, else anywhere below a context node
     * whose path ends with it.
     */
    private List<Node> resolve(String key, List<Node> context) {
        List<Node> out = new ArrayList<>();
        for (Node c : context) {
            for (String p = c.path(); ; p = parent(p)) {
                byPath.get(p).find(key).ifPresent(out::add);
                if (p.isEmpty()) {
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            for (Node c : context) {
                anywhere(key).stream().filter(n -> n.path().startsWith(c.path())).forEach(out::add);
            }
        }
        return out.stream().distinct().toList();
    }

    /** Every node whose path is {@code key} or ends with it ({@code auth.jwt} is {@code apis[].auth.jwt}). */
    private List<Node> anywhere(String key) {
        String want = key.replace("[]", "");
        return byPath.values().stream().filter(n -> {
            String path = n.path().replace("[]", "");
            return !path.isEmpty() && (path.equals(want) || path.endsWith("." + want));
        }).toList();
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String describe(List<Node> nodes) {
        return nodes.stream().map(n -> (n.path().isEmpty() ? "the top level" : n.path()) + " (expected one of: "
                + String.join(", ", n.children().keySet().stream().sorted(Comparator.naturalOrder()).toList()) + ")")
                .reduce((a, b) -> a + " or " + b).orElse("any section");
    }

    /**
     * The identifiers in backticks in {@code cell}; with {@code keyList}, only those of its first sentence (the key
     * list; what follows explains) that are not in (…) or […].
     */
    private static List<String> keys(String cell, boolean keyList) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        boolean outsideParentheses = keyList;
        StringBuilder token = new StringBuilder();
        char[] chars = cell.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (keyList && !quoted && depth == 0 && c == '.' && (i + 1 == chars.length || chars[i + 1] == ' ')) {
                break;
            }
            if (c == '`') {
                if (quoted && (depth == 0 || !outsideParentheses) && KEY.matcher(token).matches()) {
                    out.add(token.toString());
                }
                quoted = !quoted;
                token.setLength(0);
            } else if (quoted) {
                token.append(c);
            } else if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return out;
    }

    private static List<String> backticked(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A table row's cells, split at the bars outside backticks. */
    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String body = row.strip();
        body = body.substring(1, body.endsWith("|") && body.length() > 1 ? body.length() - 1 : body.length());
        for (char c : body.toCharArray()) {
            if (c == '`') {
                quoted = !quoted;
            }
            if (c == '|' && !quoted) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }
}
