package io.portcullis.feeds.internal;

import java.util.Optional;

/** Gets a feed's current content. Used by one refresher thread only. */
interface Fetcher {

    /** The content, or empty when the source says it has not changed since the last {@link #accepted()}. */
    Optional<byte[]> fetch() throws FetchFailure, InterruptedException;

    /** The content of the last fetch was accepted: validators for the next conditional fetch may be kept. */
    default void accepted() {}
}
