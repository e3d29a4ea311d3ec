package io.portcullis.analysis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.analysis.findings.Rules;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The report as one JSON document: {@code summary}, {@code findings} (each with its fingerprint, status, resource,
 * evidence, remediation and controls) and {@code unmatchedAcceptances}.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static void print(Report report, PrintWriter out) {
        out.println(JSON.valueToTree(tree(report)).toPrettyString());
        out.flush();
    }

    static ObjectNode tree(Report report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("text", TextReport.summary(report));
        summary.put("failOn", report.failOn().label());
        summary.put("failing", report.failing().size());
        summary.put("accepted", report.accepted());
        summary.put("exitCode", report.exitCode());
        report.framework().ifPresent(f -> summary.put("framework", f.id()));
        ArrayNode findings = root.putArray("findings");
        report.shown().forEach(t -> finding(report, t, findings.addObject()));
        ArrayNode unmatched = root.putArray("unmatchedAcceptances");
        report.unmatched().forEach(a -> acceptance(a, unmatched.addObject()));
        return root;
    }

    private static void finding(Report report, Triaged t, ObjectNode o) {
        finding(t, report.controls(t.finding()), o);
    }

    /** One finding as {@code analyze --format json} writes it, with {@code controls} as its controls. */
    public static void finding(Triaged t, Map<String, List<String>> controls, ObjectNode o) {
        Finding f = t.finding();
        o.put("rule", f.rule());
        o.put("title", Rules.byId(f.rule()).map(r -> r.title()).orElse(""));
        o.put("severity", f.severity().label());
        o.put("status", TextReport.status(t));
        o.put("fingerprint", f.fingerprint());
        o.put("subject", f.subject());
        o.put("message", f.message());
        resource(f.resource(), o.putObject("resource"));
        ArrayNode evidence = o.putArray("evidence");
        f.evidence().forEach(evidence::add);
        o.put("remediation", f.remediation());
        ObjectNode byFramework = o.putObject("controls");
        for (Map.Entry<String, List<String>> e : controls.entrySet()) {
            ArrayNode a = byFramework.putArray(e.getKey());
            e.getValue().forEach(a::add);
        }
        t.acceptance().ifPresent(a -> acceptance(a, o.putObject("acceptance")));
    }

    private static void resource(Resource r, ObjectNode o) {
        o.put("key", r.key());
        o.put("path", r.path());
        o.put("file", r.file());
        o.put("line", r.line());
        o.put("column", r.column());
        o.put("named", r.named());
        ArrayNode imported = o.putArray("imported");
        r.imported().forEach(s -> imported.addObject().put("file", s.file()).put("pointer", s.pointer()));
    }

    private static void acceptance(Acceptance a, ObjectNode o) {
        o.put("fingerprint", a.fingerprint());
        o.put("rule", a.rule());
        o.put("resource", a.resource());
        o.put("justification", a.justification());
        o.put("owner", a.owner());
        o.put("expires", a.expires().toString());
    }
}
