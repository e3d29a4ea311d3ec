package io.portcullis.analysis.compliance.report;

import java.util.Locale;

/** The status of one control in a compliance report. */
public enum ControlStatus {
    /** A rule maps to it and finds nothing. */
    PASS,
    /** A finding of a rule mapped to it is open, or its acceptance has expired. */
    FAIL,
    /** Every finding of its rules is accepted by the baseline, until the earliest expiry. */
    ACCEPTED_EXCEPTION,
    /** No rule maps to it: the analysis gives no evidence either way. */
    NOT_APPLICABLE;

    /** {@code pass}, {@code fail}, {@code accepted-exception}, {@code not-applicable}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
