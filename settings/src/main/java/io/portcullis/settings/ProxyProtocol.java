package io.portcullis.settings;

/** Whether an API expects a PROXY protocol (v1 or v2) header at the start of each connection. */
public enum ProxyProtocol {
    /** No header is read; the TCP peer is the source. */
    OFF,
    /** A trusted peer may send a header; without one the TCP peer is the source. */
    OPTIONAL,
    /** Every connection must come from a trusted peer and start with a header. */
    REQUIRED
}
