package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

/**
 * How one refresh of one feed ended.
 *
 * @param feed     the feed's name
 * @param status   updated, unchanged or failed
 * @param count    entries in force after this refresh (the previous list's size when unchanged or failed)
 * @param badLines bad lines in the accepted content ({@code 0} unless updated)
 * @param reason   why it failed; empty otherwise
 */
public record RefreshOutcome(String feed, Status status, int count, int badLines, String reason) {

    /** How a refresh ended. */
    public enum Status {
        /** New content was accepted and handed to the sink. */
        UPDATED,
        /** 304 Not Modified, or the same content as the list in force. */
        UNCHANGED,
        /** Fetch failed, content malformed or the sink refused it; the previous list stays in force. */
        FAILED
    }

    public RefreshOutcome {
        requireNonNull(feed, "feed");
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
