package io.portcullis.analysis.report;

import static java.util.Objects.requireNonNull;

import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.compliance.Framework;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one analysis, ready to print: every finding with its baseline status, the compliance mapping
 * and the framework asked for (its findings only, annotated with its controls), the {@code --fail-on} floor, and
 * the baseline entries that matched nothing.
 */
public record Report(List<Triaged> findings, ComplianceMapping mapping, Optional<Framework> framework, Severity failOn,
                     boolean showAccepted, List<Acceptance> unmatched) {

    public Report {
        findings = List.copyOf(findings);
        requireNonNull(mapping, "mapping");
        requireNonNull(framework, "framework");
        requireNonNull(failOn, "failOn");
        unmatched = List.copyOf(unmatched);
    }

    /** The findings in scope: of the framework when one is asked for. */
    public List<Triaged> inScope() {
        return findings.stream().filter(t -> framework.isEmpty()
                || !mapping.controls(t.finding().rule(), framework.get().id()).isEmpty()).toList();
    }

    /** What is printed: in scope, and accepted ones only with {@code --show-accepted}. */
    public List<Triaged> shown() {
        return inScope().stream().filter(t -> showAccepted || t.counts()).toList();
    }

    /** The findings that fail the run: in scope, counting, at or above {@code failOn}. */
    public List<Triaged> failing() {
        return inScope().stream().filter(t -> t.counts() && t.finding().severity().atLeast(failOn)).toList();
    }

    public int exitCode() {
        return failing().isEmpty() ? 0 : 1;
    }

    public long accepted() {
        return inScope().stream().filter(t -> !t.counts()).count();
    }

    /** The finding's controls: the asked framework's, else every framework's. */
    public Map<String, List<String>> controls(Finding f) {
        if (framework.isPresent()) {
            List<String> c = mapping.controls(f.rule(), framework.get().id());
            return c.isEmpty() ? Map.of() : Map.of(framework.get().id(), c);
        }
        return mapping.controls(f.rule());
    }
}
