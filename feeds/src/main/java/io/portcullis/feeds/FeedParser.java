package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import io.portcullis.feeds.internal.FeedParsing;
import java.nio.charset.StandardCharsets;

/**
 * Reads a feed's content into a {@link FeedList}, or rejects it whole with a {@link MalformedFeedException}.
 *
 * <p>Per line: a bad line (not an address or CIDR, or not the format's entry shape) is counted and sampled,
 * never fatal. Whole feed: rejected when larger than {@link FeedParseOptions#maxBytes()}, binary, HTML or XML
 * (an error page), JSON given to a text format or text to the JSON format, empty (unless allowed), with more
 * than {@link FeedParseOptions#maxBadFraction()} bad entry lines, or, for Spamhaus DROP JSON, truncated, without
 * its metadata line, with data after it, or with a record count that differs from the lines read.
 *
 * <p>Host bits set in a CIDR ({@code 192.0.2.1/24}) are cleared and counted in
 * {@link FeedList#hostBitsMasked()}: the feed's author meant the network, and blocking the whole network fails
 * closed.
 */
public final class FeedParser {

    private FeedParser() {}

    public static FeedList parse(FeedFormat format, byte[] content, FeedParseOptions options)
            throws MalformedFeedException {
        requireNonNull(format, "format");
        requireNonNull(content, "content");
        requireNonNull(options, "options");
        return FeedParsing.parse(format, content, options);
    }

    /** {@link #parse(FeedFormat, byte[], FeedParseOptions)} of a string's UTF-8 bytes with the default options. */
    public static FeedList parse(FeedFormat format, String content) throws MalformedFeedException {
        requireNonNull(content, "content");
        return parse(format, content.getBytes(StandardCharsets.UTF_8), FeedParseOptions.DEFAULTS);
    }
}
