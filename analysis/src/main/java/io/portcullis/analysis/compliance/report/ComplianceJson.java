package io.portcullis.analysis.compliance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.report.JsonReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A compliance report as one JSON document: the framework, the generation time, the plan digest, the audit log's
 * verification, the count of each status, and every control with its status, reason and evidence (each finding as
 * {@code analyze --format json} writes it). Apart from {@code generated}, the same inputs give the same bytes.
 */
public final class ComplianceJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComplianceJson() {}

    public static String write(ComplianceReport r) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode fw = root.putObject("framework");
        fw.put("id", r.framework().id()).put("name", r.framework().name()).put("url", r.framework().url());
        root.put("generated", r.generated().toString());
        root.put("plan", r.plan());
        if (r.audit().isPresent()) {
            AuditEvidence a = r.audit().get();
            root.putObject("audit").put("dir", a.dir()).put("intact", a.intact()).put("firstRecord", a.firstRecord())
                    .put("records", a.records()).put("checkpoints", a.checkpoints()).put("keyId", a.keyId())
                    .put("damage", a.damage()).put("summary", a.summary());
        } else {
            root.putNull("audit");
        }
        ObjectNode summary = root.putObject("summary");
        for (ControlStatus s : ControlStatus.values()) {
            summary.put(s.text(), r.count(s));
        }
        summary.put("clean", r.clean());
        ArrayNode controls = root.putArray("controls");
        for (ControlResult c : r.controls()) {
            ObjectNode o = controls.addObject();
            o.put("id", c.id()).put("title", c.title()).put("status", c.status().text()).put("reason", c.reason());
            ArrayNode rules = o.putArray("rules");
            c.rules().forEach(rules::add);
            o.put("expires", c.expires().map(LocalDate::toString).orElse(null));
            ObjectNode evidence = o.putObject("evidence");
            evidence.put("plan", r.plan());
            evidence.put("audit", r.audit().map(AuditEvidence::summary).orElse(null));
            ArrayNode findings = evidence.putArray("findings");
            for (Triaged t : c.findings()) {
                JsonReport.finding(t, Map.of(r.framework().id(), List.of(c.id())), findings.addObject());
            }
        }
        return root.toPrettyString() + "\n";
    }
}
