package io.portcullis.engine;

import io.portcullis.engine.internal.ApiIndex;

/**
 * A handle to one API inside a {@link Snapshot}, resolved once (per listener, per reload) so that per-connection
 * decisions skip the name lookup.
 */
public final class ApiRef {

    final ApiIndex index;

    ApiRef(ApiIndex index) {
        this.index = index;
    }

    public String name() {
        return index.api().name();
    }

    /** The port ingress rules are checked against: the API's listen port. */
    public int port() {
        return index.api().listenPort();
    }
}
