package io.portcullis.feeds.internal;

/** A fetch that produced no content to parse; the message is the reason reported to the listener. */
final class FetchFailure extends Exception {

    private static final long serialVersionUID = 1L;

    FetchFailure(String reason) {
        super(reason, null, false, false);
    }
}
