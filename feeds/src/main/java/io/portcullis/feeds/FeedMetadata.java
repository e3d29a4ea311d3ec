package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a feed says about itself: the metadata line that ends a Spamhaus DROP JSON feed
 * ({@code {"type":"metadata","timestamp":...,"size":...,"records":...,"copyright":...}}).
 *
 * @param records   the number of records the feed claims; when present the parser checks it
 * @param timestamp when the feed was generated
 * @param size      the size the feed claims, in bytes (informational, not checked)
 * @param copyright the copyright notice, empty when absent
 */
public record FeedMetadata(OptionalLong records, Optional<Instant> timestamp, OptionalLong size, String copyright) {

    public FeedMetadata {
        requireNonNull(records, "records");
        requireNonNull(timestamp, "timestamp");
        requireNonNull(size, "size");
        requireNonNull(copyright, "copyright");
    }
}
