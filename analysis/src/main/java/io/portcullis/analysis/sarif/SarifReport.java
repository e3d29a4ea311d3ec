package io.portcullis.analysis.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.analysis.findings.Rule;
import io.portcullis.analysis.findings.Rules;
import io.portcullis.analysis.findings.Severity;
import io.portcullis.analysis.report.Report;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as a SARIF 2.1.0 log (one run): {@code tool.driver.rules} holds every rule of the catalog (id, name,
 * short and full description, {@code helpUri} into docs/analyze.md, {@code properties.tags} with the compliance
 * controls and, for GitHub code scanning, {@code security-severity}); each result names its rule by id and index,
 * its level, message, the file, line and column where the resource was written, and the finding's fingerprint in
 * {@code partialFingerprints}. Accepted findings are results with an external, accepted suppression carrying the
 * justification, so code-scanning UIs show them as dismissed.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The key of our fingerprint in {@code partialFingerprints}: versioned, as SARIF recommends. */
    public static final String FINGERPRINT = "portcullisFinding/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SarifReport() {}

    /**
     * Prints the log. {@code docs} is the base URI of docs/analyze.md (each rule's {@code helpUri} is it with the
     * rule's anchor), {@code version} the tool's.
     */
    public static void print(Report report, String version, URI docs, PrintWriter out) {
        out.println(tree(report, version, docs).toPrettyString());
        out.flush();
    }

    public static ObjectNode tree(Report report, String version, URI docs) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Portcullis");
        driver.put("version", version);
        driver.put("informationUri", docs.toString());
        List<Rule> rules = Rules.all();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Severity> worst = new HashMap<>();
        for (Triaged t : report.inScope()) {
            worst.merge(t.finding().rule(), t.finding().severity(), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
        }
        ArrayNode ruleNodes = driver.putArray("rules");
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            index.put(r.id(), i);
            rule(report, r, worst.get(r.id()), docs, ruleNodes.addObject());
        }
        run.put("columnKind", "unicodeCodePoints");
        ArrayNode results = run.putArray("results");
        for (Triaged t : report.inScope()) {
            result(report, t, index.get(t.finding().rule()), results.addObject());
        }
        return log;
    }

    private static void rule(Report report, Rule r, Severity worst, URI docs, ObjectNode o) {
        o.put("id", r.id());
        o.put("name", r.name());
        o.putObject("shortDescription").put("text", r.title());
        o.putObject("fullDescription").put("text", r.description());
        o.put("helpUri", docs + "#" + r.anchor());
        o.putObject("help").put("text", r.remediation());
        o.putObject("defaultConfiguration").put("level", level(worst == null ? Severity.MEDIUM : worst));
        ObjectNode props = o.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add("network");
        report.mapping().tags(r.id()).forEach(tags::add);
        props.put("precision", "high");
        if (worst != null) {
            props.put("security-severity", SECURITY_SEVERITY.get(worst));
        }
    }

    private static void result(Report report, Triaged t, int ruleIndex, ObjectNode o) {
        Finding f = t.finding();
        o.put("ruleId", f.rule());
        o.put("ruleIndex", ruleIndex);
        o.put("level", level(f.severity()));
        String expired = t.status() == Triaged.Status.ACCEPTANCE_EXPIRED
                ? " (its acceptance expired on " + t.acceptance().orElseThrow().expires() + ")" : "";
        o.putObject("message").put("text", f.message() + expired + ". " + f.remediation());
        ObjectNode location = o.putArray("locations").addObject();
        Resource r = f.resource();
        if (!r.file().isEmpty()) {
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(r.file()));
            if (r.line() > 0) {
                physical.putObject("region").put("startLine", r.line()).put("startColumn", Math.max(1, r.column()));
            }
        }
        location.putArray("logicalLocations").addObject().put("fullyQualifiedName", r.named()).put("kind", "resource");
        o.putObject("partialFingerprints").put(FINGERPRINT, f.fingerprint());
        if (t.status() == Triaged.Status.ACCEPTED) {
            var a = t.acceptance().orElseThrow();
            o.putArray("suppressions").addObject().put("kind", "external").put("status", "accepted")
                    .put("justification", a.justification() + " (owner " + a.owner() + ", until " + a.expires() + ")");
        }
        ObjectNode props = o.putObject("properties");
        props.put("severity", f.severity().label());
        props.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        props.put("resource", r.key());
        ArrayNode imported = props.putArray("imported");
        r.imported().forEach(s -> imported.addObject().put("file", s.file()).put("pointer", s.pointer()));
        ArrayNode evidence = props.putArray("evidence");
        f.evidence().forEach(evidence::add);
        ArrayNode tags = props.putArray("tags");
        report.controls(f).forEach((fw, cs) -> cs.forEach(c -> tags.add(fw + ":" + c)));
    }

    /** critical and high are errors, medium warnings, low and info notes. */
    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub code scanning reads a rule's {@code security-severity} (0-10) to rank security alerts. */
    private static final Map<Severity, String> SECURITY_SEVERITY = new EnumMap<>(Map.of(Severity.CRITICAL, "9.5",
            Severity.HIGH, "8.0", Severity.MEDIUM, "5.5", Severity.LOW, "3.0", Severity.INFO, "1.0"));

    /** A relative path as a relative URI reference with forward slashes; an absolute one as a {@code file:} URI. */
    static String uri(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return p.toUri().toString();
        }
        StringBuilder b = new StringBuilder();
        for (Path part : p) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(URI.create("x:" + encode(part.toString())).getRawSchemeSpecificPart());
        }
        return b.toString();
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
