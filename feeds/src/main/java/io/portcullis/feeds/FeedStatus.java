package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the refresher knows about one feed, for the admin API and metrics.
 *
 * @param feed                the feed's name
 * @param entries             entries in force (0 before the first success)
 * @param lastSuccess         when content was last accepted or found unchanged
 * @param lastFailure         the reason of the most recent failure, if the most recent refresh failed
 * @param consecutiveFailures failed refreshes since the last success
 */
public record FeedStatus(String feed, int entries, Optional<Instant> lastSuccess, Optional<String> lastFailure,
                         int consecutiveFailures) {

    public FeedStatus {
        requireNonNull(feed, "feed");
        requireNonNull(lastSuccess, "lastSuccess");
        requireNonNull(lastFailure, "lastFailure");
    }
}
