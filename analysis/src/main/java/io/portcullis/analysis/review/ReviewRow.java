package io.portcullis.analysis.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of a review sheet.
 *
 * @param membership the membership under review
 * @param grants the APIs reachable through it (names, sorted), as the engine decides at the review instant
 * @param lastUsed the time of the latest allowed audit record that used it; empty when the log shows none
 * @param proposal what the review proposes: {@code remove} when unused for longer than the threshold
 * @param decision what the reviewer decided (starts as the proposal); {@code review apply} removes these
 * @param note free text for the reviewer (starts with why the proposal is what it is)
 */
public record ReviewRow(Membership membership, List<String> grants, Optional<Instant> lastUsed, Choice proposal,
                        Choice decision, String note) {

    public ReviewRow {
        requireNonNull(membership, "membership");
        grants = List.copyOf(grants);
        requireNonNull(lastUsed, "lastUsed");
        requireNonNull(proposal, "proposal");
        requireNonNull(decision, "decision");
        requireNonNull(note, "note");
    }
}
