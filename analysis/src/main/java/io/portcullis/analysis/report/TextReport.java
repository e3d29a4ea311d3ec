package io.portcullis.analysis.report;

import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Severity;
import io.portcullis.text.Printable;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for people: a summary line, then the findings grouped by severity, most severe first. Every line is
 * printed through {@link Printable#line}: messages, evidence, remediations and baseline justifications hold text
 * from the estate and the baseline (a rule's description, a tag), which must not end a line or drive the terminal.
 */
public final class TextReport {

    private TextReport() {}

    public static void print(Report report, PrintWriter out) {
        List<Triaged> shown = report.shown();
        println(out, summary(report));
        for (Severity s : Severity.values()) {
            List<Triaged> of = shown.stream().filter(t -> t.finding().severity() == s).toList();
            if (of.isEmpty()) {
                continue;
            }
            out.println();
            println(out, s.name() + " (" + of.size() + ")");
            of.forEach(t -> finding(report, t, out));
        }
        if (!report.unmatched().isEmpty()) {
            out.println();
            println(out, "baseline entries that match no finding (fixed? remove them):");
            for (Acceptance a : report.unmatched()) {
                println(out, "  " + a.fingerprint() + "  " + a.rule() + "  " + a.resource());
            }
        }
        out.flush();
    }

    /** {@code 7 findings (1 critical, ...); 1 accepted; 2 at or above high} and the framework when one is asked. */
    static String summary(Report report) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        report.inScope().stream().filter(Triaged::counts).forEach(t -> counts.merge(t.finding().severity(), 1L, Long::sum));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String by = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        return total + " finding" + (total == 1 ? "" : "s") + (by.isEmpty() ? "" : " (" + by + ")")
                + "; " + report.accepted() + " accepted"
                + "; " + report.failing().size() + " at or above " + report.failOn().label()
                + report.framework().map(f -> "; framework " + f.id() + " (" + f.name() + ")").orElse("");
    }

    private static void finding(Report report, Triaged t, PrintWriter out) {
        Finding f = t.finding();
        println(out, "  " + f.rule() + "  " + f.message());
        println(out, "    at " + f.resource().where());
        if (!f.resource().imported().isEmpty()) {
            println(out, "    imported from " + f.resource().imported().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (!f.evidence().isEmpty()) {
            println(out, "    evidence:");
            f.evidence().forEach(e -> println(out, "      - " + e));
        }
        println(out, "    fix: " + f.remediation());
        Map<String, List<String>> controls = report.controls(f);
        if (!controls.isEmpty()) {
            println(out, "    controls: " + controls.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.join(", ", e.getValue())).collect(Collectors.joining("; ")));
        }
        println(out, "    fingerprint: " + f.fingerprint());
        t.acceptance().ifPresent(a -> println(out, "    " + (t.status() == Triaged.Status.ACCEPTED
                ? "ACCEPTED until " + a.expires() : "ACCEPTANCE EXPIRED on " + a.expires() + ": a finding again")
                + " (owner " + a.owner() + ": " + a.justification() + ")"));
    }

    /** One line of the report, escaped; the line break is the report's own. */
    private static void println(PrintWriter out, String line) {
        out.println(Printable.line(line));
    }

    static String status(Triaged t) {
        return t.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
