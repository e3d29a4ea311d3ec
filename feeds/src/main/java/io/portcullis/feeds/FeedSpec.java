package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One feed to keep in force ({@code feeds[]} in the configuration).
 *
 * @param name    the feed's name: the blocklist source label, log and metric tag ({@code [A-Za-z0-9._-]+})
 * @param source  where it comes from
 * @param format  how it is written
 * @param refresh how often it is fetched again after a success (after a failure the refresher retries sooner;
 *                see {@link FeedRefresher.Builder#failureRetry(Duration)})
 * @param options how strictly it is read
 */
public record FeedSpec(String name, FeedSource source, FeedFormat format, Duration refresh, FeedParseOptions options) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public FeedSpec {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: letters, digits, '.', '_' or '-')");
        }
        requireNonNull(source, "source");
        requireNonNull(format, "format");
        requireNonNull(refresh, "refresh");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("refresh: " + refresh + " (expected: > 0)");
        }
        requireNonNull(options, "options");
    }

    /** A feed with the default {@link FeedParseOptions}. */
    public static FeedSpec of(String name, FeedSource source, FeedFormat format, Duration refresh) {
        return new FeedSpec(name, source, format, refresh, FeedParseOptions.DEFAULTS);
    }

    public FeedSpec withOptions(FeedParseOptions options) {
        return new FeedSpec(name, source, format, refresh, options);
    }
}
