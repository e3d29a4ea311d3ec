package io.portcullis.analysis.review;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A membership review: the rows, and what they were computed from (written to JSON sheets; a CSV sheet carries
 * the rows alone).
 *
 * @param plan the digest of the plan reviewed ({@code sha256:...})
 * @param generated the review instant (grants are decided and "unused" is measured at it)
 * @param unused the threshold: a membership unused for longer is proposed for removal
 * @param auditFrom the time of the first record the audit log holds; empty when it holds none
 */
public record ReviewSheet(String plan, Instant generated, Duration unused, Optional<Instant> auditFrom, List<ReviewRow> rows) {

    public ReviewSheet {
        requireNonNull(plan, "plan");
        requireNonNull(generated, "generated");
        requireNonNull(unused, "unused");
        requireNonNull(auditFrom, "auditFrom");
        rows = List.copyOf(rows);
    }
}
