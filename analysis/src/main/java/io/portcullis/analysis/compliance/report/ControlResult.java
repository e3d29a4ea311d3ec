package io.portcullis.analysis.compliance.report;

import static java.util.Objects.requireNonNull;

import io.portcullis.analysis.baseline.Triaged;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One control of a report.
 *
 * @param id the control's id in its framework ({@code 1.3.1}, {@code SC-7})
 * @param title its title from the mapping's catalog; empty when the catalog lacks it
 * @param status what the evidence says
 * @param reason one sentence saying why
 * @param rules the analyze rules mapped to it, sorted
 * @param findings the findings of those rules, in the analyzer's order, with their baseline status
 * @param expires for an accepted exception, the earliest expiry among its acceptances
 */
public record ControlResult(String id, String title, ControlStatus status, String reason, List<String> rules,
                            List<Triaged> findings, Optional<LocalDate> expires) {

    public ControlResult {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        requireNonNull(expires, "expires");
    }
}
