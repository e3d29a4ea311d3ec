package io.portcullis.engine;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/** The network layer's reason codes, in one place. */
public final class NetworkReasons {

    /** A security-group rule admitted the source. */
    public static final Reason RULE_MATCH = new Reason(Layer.NETWORK, "security-group-rule");
    /** No rule of any group attached to the API admits the source on that protocol and port at that time. */
    public static final Reason NO_MATCHING_RULE = new Reason(Layer.NETWORK, "no-matching-rule");
    /** The connection is for an API the configuration does not declare. */
    public static final Reason UNKNOWN_API = new Reason(Layer.NETWORK, "unknown-api");
    /** The caller claims a VPC endpoint the configuration does not declare. */
    public static final Reason UNKNOWN_ENDPOINT = new Reason(Layer.NETWORK, "unknown-vpc-endpoint");

    private NetworkReasons() {}
}
