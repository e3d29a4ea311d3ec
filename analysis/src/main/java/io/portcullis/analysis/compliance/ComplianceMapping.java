package io.portcullis.analysis.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.analysis.findings.InputTree;
import io.portcullis.analysis.findings.Rule;
import io.portcullis.analysis.findings.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which controls of which frameworks each rule gives evidence for: data, read from the built-in
 * {@code mapping.yaml} and from users' files merged over it ({@link #merge}). A user's file has the same shape: it
 * may add frameworks of its own, replace a framework's name, and set a rule's controls for a framework (replacing
 * the built-in ones for that pair). Every problem is reported with the file and JSON pointer.
 */
public final class ComplianceMapping {

    private static final Pattern FRAMEWORK_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String RESOURCE = "mapping.yaml";

    private final Map<String, Framework> frameworks;
    private final Map<String, Map<String, List<String>>> rules;

    private ComplianceMapping(Map<String, Framework> frameworks, Map<String, Map<String, List<String>>> rules) {
        this.frameworks = frameworks;
        this.rules = rules;
    }

    /** The mapping shipped with Portcullis. */
    public static ComplianceMapping builtIn() {
        try (InputStream in = ComplianceMapping.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the analysis module");
            }
            InputTree.Read read = InputTree.parse("built-in " + RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new ComplianceMapping(new LinkedHashMap<>(), new LinkedHashMap<>()).over(read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This mapping with the user's file at {@code path} merged over it, or every problem of that file. */
    public ComplianceMapping merge(Path path) {
        return over(InputTree.read(path));
    }

    private ComplianceMapping over(InputTree.Read read) {
        InputTree t = read.tree();
        JsonNode root = read.root();
        Map<String, Framework> fw = new LinkedHashMap<>(frameworks);
        Map<String, Map<String, List<String>>> rs = new LinkedHashMap<>();
        rules.forEach((k, v) -> rs.put(k, new LinkedHashMap<>(v)));
        if (t.object(root, "", Set.of("frameworks", "rules"))) {
            JsonNode f = root.get("frameworks");
            if (f != null && t.object(f, "/frameworks", Set.of())) {
                for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String at = "/frameworks/" + InputTree.escape(e.getKey());
                    if (!FRAMEWORK_ID.matcher(e.getKey()).matches()) {
                        t.problem(at, "framework id '" + e.getKey() + "' (expected: lower-case letters, digits, '.', '_' or '-', such as pci-dss)");
                    } else if (t.object(e.getValue(), at, Set.of("name", "url", "controls"))) {
                        String name = t.text(e.getValue().get("name"), at + "/name", "the framework's full name");
                        JsonNode url = e.getValue().get("url");
                        Map<String, String> catalog = catalog(t, e.getValue().get("controls"), at + "/controls",
                                fw.containsKey(e.getKey()) ? fw.get(e.getKey()).controls() : Map.of());
                        if (name != null) {
                            fw.put(e.getKey(), new Framework(e.getKey(), name, url == null ? "" : url.asText(), catalog));
                        }
                    }
                }
            }
            JsonNode r = root.get("rules");
            if (r != null && t.object(r, "/rules", Set.of())) {
                for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    rule(t, e.getKey(), e.getValue(), fw, rs);
                }
            }
        }
        t.done();
        return new ComplianceMapping(fw, rs);
    }

    /** A framework's controls (id to title), or {@code kept} when the file gives none. */
    private static Map<String, String> catalog(InputTree t, JsonNode node, String at, Map<String, String> kept) {
        if (node == null) {
            return kept;
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (t.object(node, at, Set.of())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String title = t.text(c.getValue(), at + "/" + InputTree.escape(c.getKey()), "the control's title");
                if (title != null) {
                    out.put(c.getKey(), title);
                }
            }
        }
        return out;
    }

    private static void rule(InputTree t, String id, JsonNode node, Map<String, Framework> fw, Map<String, Map<String, List<String>>> rs) {
        String at = "/rules/" + InputTree.escape(id);
        if (Rules.byId(id).isEmpty()) {
            t.problem(at, "unknown rule '" + id + "' (expected one of: "
                    + Rules.all().stream().map(Rule::id).collect(Collectors.joining(", ")) + ")");
            return;
        }
        if (!t.object(node, at, Set.of())) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String fat = at + "/" + InputTree.escape(e.getKey());
            if (!fw.containsKey(e.getKey())) {
                t.problem(fat, "unknown framework '" + e.getKey() + "' (expected one declared under frameworks: "
                        + String.join(", ", fw.keySet()) + ")");
                continue;
            }
            List<String> controls = new ArrayList<>();
            List<JsonNode> items = t.list(e.getValue(), fat, "control ids such as \"1.3.1\" or SC-7");
            if (e.getValue() != null && e.getValue().isArray() && items.isEmpty()) {
                t.problem(fat, "empty (expected: at least one control id)");
            }
            for (int i = 0; i < items.size(); i++) {
                String c = t.text(items.get(i), fat + "/" + i, "a control id such as \"1.3.1\" or SC-7");
                if (c != null) {
                    controls.add(c);
                }
            }
            rs.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(e.getKey(), List.copyOf(controls));
        }
    }

    /** Every framework, in the order declared (built-in first). */
    public List<Framework> frameworks() {
        return List.copyOf(frameworks.values());
    }

    /** The framework, or an exception listing the known ones. */
    public Framework framework(String id) {
        Framework f = frameworks.get(id);
        if (f == null) {
            throw new IllegalArgumentException("compliance framework '" + id + "' (expected one of: "
                    + String.join(", ", frameworks.keySet()) + ")");
        }
        return f;
    }

    /** The rule's controls by framework id (sorted by framework id); empty when the rule maps to none. */
    public Map<String, List<String>> controls(String rule) {
        return new TreeMap<>(rules.getOrDefault(rule, Map.of()));
    }

    /** The rule's controls of one framework; empty when none. */
    public List<String> controls(String rule, String framework) {
        return rules.getOrDefault(rule, Map.of()).getOrDefault(framework, List.of());
    }

    /**
     * The controls of {@code framework} a report lists: its catalog in order, then every control a rule maps to that
     * the catalog lacks (with an empty title), sorted; each with the rules that map to it (sorted, possibly none).
     */
    public Map<String, List<String>> catalog(Framework framework) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        framework.controls().keySet().forEach(c -> out.put(c, new ArrayList<>()));
        Map<String, List<String>> extra = new TreeMap<>();
        new TreeMap<>(rules).forEach((rule, byFramework) -> byFramework.getOrDefault(framework.id(), List.of())
                .forEach(c -> (out.containsKey(c) ? out : extra).computeIfAbsent(c, k -> new ArrayList<>()).add(rule)));
        out.putAll(extra);
        out.replaceAll((c, rs) -> List.copyOf(rs));
        return out;
    }

    /** Tags such as {@code pci-dss:1.3.1}: every control of the rule, for SARIF and JSON. */
    public List<String> tags(String rule) {
        List<String> out = new ArrayList<>();
        controls(rule).forEach((f, cs) -> cs.forEach(c -> out.add(f + ":" + c)));
        return out;
    }
}
