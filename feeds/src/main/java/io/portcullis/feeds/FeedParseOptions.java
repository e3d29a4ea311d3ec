package io.portcullis.feeds;

/**
 * How strictly a feed is read. {@link #DEFAULTS}: at most 16 MiB, at most 10% bad entry lines, an empty feed is
 * malformed, no merging, the first 10 bad lines kept as samples.
 *
 * @param maxBytes       a feed larger than this is rejected whole (also enforced while downloading)
 * @param maxBadFraction a feed whose bad entry lines exceed this fraction of all entry lines is rejected whole;
 *                       {@code 0} rejects a feed with any bad line
 * @param allowEmpty     accept a feed with no entries (otherwise an empty feed is malformed)
 * @param merge          merge adjacent and contained prefixes into the fewest prefix blocks
 * @param badLineSamples how many bad lines to keep (line number and reason); all are counted
 */
public record FeedParseOptions(long maxBytes, double maxBadFraction, boolean allowEmpty, boolean merge,
                               int badLineSamples) {

    public static final FeedParseOptions DEFAULTS = new FeedParseOptions(16L << 20, 0.1, false, false, 10);

    public FeedParseOptions {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("maxBadFraction: " + maxBadFraction + " (expected: 0..1)");
        }
        if (badLineSamples < 0) {
            throw new IllegalArgumentException("badLineSamples: " + badLineSamples + " (expected: >= 0)");
        }
    }

    public FeedParseOptions withMaxBytes(long v) {
        return new FeedParseOptions(v, maxBadFraction, allowEmpty, merge, badLineSamples);
    }

    public FeedParseOptions withMaxBadFraction(double v) {
        return new FeedParseOptions(maxBytes, v, allowEmpty, merge, badLineSamples);
    }

    public FeedParseOptions withAllowEmpty(boolean v) {
        return new FeedParseOptions(maxBytes, maxBadFraction, v, merge, badLineSamples);
    }

    public FeedParseOptions withMerge(boolean v) {
        return new FeedParseOptions(maxBytes, maxBadFraction, allowEmpty, v, badLineSamples);
    }

    public FeedParseOptions withBadLineSamples(int v) {
        return new FeedParseOptions(maxBytes, maxBadFraction, allowEmpty, merge, v);
    }
}
