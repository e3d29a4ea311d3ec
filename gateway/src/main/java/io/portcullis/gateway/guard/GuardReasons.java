package io.portcullis.gateway.guard;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/** The reason codes of the accept-time guard. */
public final class GuardReasons {

    /** The source (or the TCP peer) is on a blocklist. */
    public static final Reason BLOCKLISTED = new Reason(Layer.NETWORK, "blocklisted");
    /** An open-connection limit (per source, per group or per API) is reached. */
    public static final Reason TOO_MANY_CONNECTIONS = new Reason(Layer.TRAFFIC, "too-many-connections");
    /** The source sits out a penalty for repeated refusals or floods ({@code limit.SourcePenalties}). */
    public static final Reason SOURCE_PENALIZED = new Reason(Layer.TRAFFIC, "source-penalized");
    /** The connection guard itself failed; fail closed. */
    public static final Reason GUARD_ERROR = new Reason(Layer.NETWORK, "guard-error");

    private GuardReasons() {}
}
