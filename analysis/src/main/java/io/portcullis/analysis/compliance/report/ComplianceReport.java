package io.portcullis.analysis.compliance.report;

import static java.util.Objects.requireNonNull;

import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.compliance.Framework;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The compliance status of one framework's controls for one plan ({@link #of}): each control passes when its rules
 * find nothing, fails when one of their findings counts (open, or its acceptance expired), is an accepted exception
 * when every finding is accepted (until the earliest expiry), and is not applicable when no rule maps to it.
 *
 * @param framework the framework reported on
 * @param generated when the report was made (the analysis instant; injected, so a test fixes it)
 * @param plan the digest of the plan described ({@code sha256:...})
 * @param audit the audit log's verification, when a log was given
 * @param controls every control, in the catalog's order then the unlisted ones sorted
 */
public record ComplianceReport(Framework framework, Instant generated, String plan, Optional<AuditEvidence> audit,
                               List<ControlResult> controls) {

    public ComplianceReport {
        requireNonNull(framework, "framework");
        requireNonNull(generated, "generated");
        requireNonNull(plan, "plan");
        requireNonNull(audit, "audit");
        controls = List.copyOf(controls);
    }

    /** The report of {@code findings} (after the baseline) for {@code framework}. */
    public static ComplianceReport of(Framework framework, ComplianceMapping mapping, List<Triaged> findings, String plan,
                                      Optional<AuditEvidence> audit, Instant generated) {
        List<ControlResult> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : mapping.catalog(framework).entrySet()) {
            List<String> rules = c.getValue();
            String title = framework.controls().getOrDefault(c.getKey(), "");
            if (rules.isEmpty()) {
                out.add(new ControlResult(c.getKey(), title, ControlStatus.NOT_APPLICABLE,
                        "no analyze rule maps to this control: the analysis gives no evidence for it", rules, List.of(), Optional.empty()));
                continue;
            }
            List<Triaged> mine = findings.stream().filter(t -> rules.contains(t.finding().rule())).toList();
            long open = mine.stream().filter(t -> t.status() == Triaged.Status.OPEN).count();
            long expired = mine.stream().filter(t -> t.status() == Triaged.Status.ACCEPTANCE_EXPIRED).count();
            Optional<LocalDate> earliest = mine.stream().filter(t -> t.status() == Triaged.Status.ACCEPTED)
                    .map(t -> t.acceptance().map(Acceptance::expires).orElseThrow()).min(LocalDate::compareTo);
            String ruleList = String.join(", ", rules);
            if (open > 0 || expired > 0) {
                String why = (open > 0 ? open + " open finding(s)" : "")
                        + (open > 0 && expired > 0 ? " and " : "")
                        + (expired > 0 ? expired + " finding(s) whose acceptance expired" : "");
                out.add(new ControlResult(c.getKey(), title, ControlStatus.FAIL, why + ": " + rulesOf(mine.stream().filter(Triaged::counts).toList()),
                        rules, mine, Optional.empty()));
            } else if (earliest.isPresent()) {
                out.add(new ControlResult(c.getKey(), title, ControlStatus.ACCEPTED_EXCEPTION, mine.size()
                        + " finding(s) of " + rulesOf(mine) + " accepted by the baseline, the first acceptance until "
                        + earliest.get(), rules, mine, earliest));
            } else {
                out.add(new ControlResult(c.getKey(), title, ControlStatus.PASS, ruleList + " found nothing", rules, mine, Optional.empty()));
            }
        }
        return new ComplianceReport(framework, generated, plan, audit, out);
    }

    /** The distinct rules of {@code findings}, sorted and joined. */
    private static String rulesOf(List<Triaged> findings) {
        return String.join(", ", findings.stream().map(t -> t.finding().rule()).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** How many controls have {@code status}. */
    public long count(ControlStatus status) {
        return controls.stream().filter(c -> c.status() == status).count();
    }

    /** Whether the report is clean: no control fails and the audit log, when given, is intact. */
    public boolean clean() {
        return count(ControlStatus.FAIL) == 0 && audit.map(AuditEvidence::intact).orElse(true);
    }
}
