package io.portcullis.runtime.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Access gained or lost by a change: the callers of one kind ({@code sources}) that get in, or no longer get in,
 * to one API on one port, through one way in, as one principal class to one resource, during {@code window}; and
 * what was responsible on each side.
 *
 * @param via the way in: {@code ""} for a Portcullis API's own listener, else a VPC endpoint id, {@code any
 *     endpoint outside the estate} or {@code internet}
 * @param sourceKind {@code workload}, {@code partner}, {@code cidr}, or {@code anyone} (a way whose callers the
 *     estate does not list: an endpoint outside it, the internet)
 * @param sources the workload ids, partner ids or CIDRs, sorted
 * @param account the callers' account ({@code ""} for CIDRs and anyone)
 * @param groups the callers' effective groups ({@code ACCOUNT/sg-id}), empty for CIDRs and anyone
 * @param port the TCP port
 * @param principal the principal class the policies see ({@code ""} when no policy layer is evaluated here)
 * @param resource the resource ({@code ""} likewise)
 * @param window when: {@code always}, or the periods from the diff's instant on ({@code from T until T'})
 * @param before what decided on the old side (the admitting rule and statements, or why nothing admitted)
 * @param after the same on the new side
 */
public record AccessChange(String via, String sourceKind, List<String> sources, String account, List<String> groups,
                           int port, String principal, String resource, String window, String before, String after) {

    public AccessChange {
        requireNonNull(via, "via");
        requireNonNull(sourceKind, "sourceKind");
        sources = List.copyOf(sources);
        requireNonNull(account, "account");
        groups = List.copyOf(groups);
        requireNonNull(principal, "principal");
        requireNonNull(resource, "resource");
        requireNonNull(window, "window");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }

    /** {@code workload w1, w2 (111111111111)} or {@code cidr 10.0.0.0/8}. */
    public String who() {
        return sourceKind + " " + String.join(", ", sources) + (account.isEmpty() ? "" : " (" + account + ")");
    }
}
