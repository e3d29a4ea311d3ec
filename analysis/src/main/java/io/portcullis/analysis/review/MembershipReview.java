package io.portcullis.analysis.review;

import static java.util.Objects.requireNonNull;

import io.portcullis.runtime.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the review sheet of a compiled plan: every membership ({@link Membership#of}) with what it grants
 * ({@link Grants}), its last use in the audit log ({@link Usage}) and a proposal.
 *
 * <p>A membership is proposed for {@code remove} when its last use is older than {@code unused} before the review
 * instant, or when the log shows no use and reaches back at least that far (its first record is that old). A log
 * younger than the threshold cannot show a membership unused for that long, so such a membership is proposed
 * {@code keep} and its note says why. The reviewer's decision starts as the proposal.
 */
public final class MembershipReview {

    private MembershipReview() {}

    public static ReviewSheet of(Plan plan, Path auditDir, Duration unused, Instant at) throws IOException {
        requireNonNull(plan, "plan");
        requireNonNull(auditDir, "auditDir");
        if (unused.isNegative() || unused.isZero()) {
            throw new IllegalArgumentException("unused: " + unused + " (expected: > 0, such as 90d)");
        }
        Grants grants = new Grants(plan.engine().snapshot(), at);
        Map<Membership, List<String>> granted = new LinkedHashMap<>();
        Membership.of(plan.config()).keySet().forEach(m -> granted.put(m, grants.of(m)));
        Usage.Result usage = Usage.read(auditDir, granted, at);
        Instant cutoff = at.minus(unused);
        List<ReviewRow> rows = new ArrayList<>();
        granted.forEach((m, apis) -> {
            Optional<Instant> last = Optional.ofNullable(usage.lastUsed().get(m));
            Choice proposal;
            String note;
            if (last.isPresent()) {
                proposal = last.get().isBefore(cutoff) ? Choice.REMOVE : Choice.KEEP;
                note = proposal == Choice.REMOVE ? "unused since " + last.get() : "used within " + days(unused);
            } else if (apis.isEmpty()) {
                proposal = usage.from().isPresent() && !usage.from().get().isAfter(cutoff) ? Choice.REMOVE : Choice.KEEP;
                note = "grants no API";
            } else if (usage.from().isPresent() && !usage.from().get().isAfter(cutoff)) {
                proposal = Choice.REMOVE;
                note = "never used in the audit log (from " + usage.from().get() + ")";
            } else {
                proposal = Choice.KEEP;
                note = "not used, but the audit log " + usage.from().map(f -> "starts " + f).orElse("is empty")
                        + ": too short to show " + days(unused) + " unused";
            }
            rows.add(new ReviewRow(m, apis, last, proposal, proposal, note));
        });
        return new ReviewSheet(plan.digest().toString(), at, unused, usage.from(), rows);
    }

    /** {@code 90d}, or the duration as Java writes it when not whole days. */
    static String days(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toString();
    }
}
