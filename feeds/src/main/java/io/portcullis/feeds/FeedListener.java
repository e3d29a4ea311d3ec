package io.portcullis.feeds;

/**
 * Hears how refreshes went, on the refresher's thread. The runtime raises an alert on failures. An unchanged
 * feed (304 Not Modified, or the same content) calls neither method. Exceptions thrown here are logged and
 * ignored.
 */
public interface FeedListener {

    FeedListener NONE = new FeedListener() {};

    /** A new list was accepted and handed to the sink. */
    default void onSuccess(String feedName, int count, int badLines) {}

    /**
     * A refresh failed or the content was malformed; the previous list stays in force. {@code reason} never
     * contains the feed's URL.
     */
    default void onFailure(String feedName, String reason) {}
}
