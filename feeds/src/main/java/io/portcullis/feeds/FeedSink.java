package io.portcullis.feeds;

import java.util.List;

/**
 * Receives each accepted list, on the refresher's thread (never a request thread). The runtime replaces the
 * feed's entries in the blocklist in one step. A sink that throws refuses the list: the refresher keeps the
 * previous one and reports a failure.
 */
@FunctionalInterface
public interface FeedSink {

    /**
     * Puts {@code cidrs} in force for {@code feedName}, replacing whatever that feed had.
     *
     * @param cidrs canonical prefixes (see {@link FeedList#cidrs()}), immutable
     */
    void replace(String feedName, List<String> cidrs);
}
