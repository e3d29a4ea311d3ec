package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A parsed, accepted feed: an immutable value.
 *
 * <p>{@code cidrs} are canonical prefixes ({@code 192.0.2.0/24}, {@code 198.51.100.7/32}, {@code 2001:db8::/32}):
 * host bits zero, a bare address as a host prefix, IPv6 in RFC 5952 form, IPv4-mapped IPv6 prefixes
 * ({@code ::ffff:0:0/96} and longer) as IPv4. They are deduplicated and sorted: IPv4 before IPv6, then by
 * network address, then by prefix length (shorter first); merged into the fewest prefix blocks when
 * {@link FeedParseOptions#merge()} is set.
 *
 * @param cidrs          the entries in force
 * @param entryLines     lines that held an entry, good or bad (comments and blank lines excluded)
 * @param badLineCount   lines that were skipped as bad
 * @param badLines       the first {@link FeedParseOptions#badLineSamples()} bad lines
 * @param hostBitsMasked entries written with host bits set (e.g. {@code 192.0.2.1/24}), accepted as their
 *                       network ({@code 192.0.2.0/24})
 * @param metadata       what the feed says about itself (Spamhaus DROP JSON only)
 */
public record FeedList(List<String> cidrs, int entryLines, int badLineCount, List<BadLine> badLines,
                       int hostBitsMasked, Optional<FeedMetadata> metadata) {

    public FeedList {
        cidrs = List.copyOf(cidrs);
        badLines = List.copyOf(badLines);
        requireNonNull(metadata, "metadata");
        if (badLineCount < badLines.size()) {
            throw new IllegalArgumentException("badLineCount: " + badLineCount + " (expected: >= " + badLines.size() + ")");
        }
    }

    /** The number of entries in force. */
    public int size() {
        return cidrs.size();
    }
}
