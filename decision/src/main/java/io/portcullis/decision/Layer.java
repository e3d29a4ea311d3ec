package io.portcullis.decision;

/**
 * The layer that made a decision, in the order a request meets them. A request is admitted only when every
 * layer allows it; the first layer that denies is the deciding layer.
 */
public enum Layer {
    /** Malformed or ambiguous input on the wire: PROXY headers, HTTP framing, smuggling attempts. */
    PROTOCOL,
    /** Security groups, blocklists and threat feeds, decided at accept time before any HTTP is read. */
    NETWORK,
    /** mTLS certificates and JWTs, and their binding to the caller's network position. */
    IDENTITY,
    /** Resource policies and route requirements. */
    POLICY,
    /** Rate limits, connection limits and payload limits. */
    TRAFFIC
}
