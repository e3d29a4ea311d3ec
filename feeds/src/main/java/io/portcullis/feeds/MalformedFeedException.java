package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

/**
 * A whole feed was rejected: it is not the declared format, is empty, truncated, too large, or has too many bad
 * lines. The refresher keeps the previous list in force. {@link #getMessage()} says why, in words an operator can
 * act on, and never contains the feed's URL.
 */
public final class MalformedFeedException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedFeedException(String reason) {
        super(requireNonNull(reason, "reason"), null, false, false);
    }
}
