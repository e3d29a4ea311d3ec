package io.portcullis.gateway.proxy;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/** The reason codes of the PROXY protocol stage. */
public final class ProxyReasons {

    /** Malformed or truncated header, or a header with a bad field. */
    public static final Reason BAD_HEADER = new Reason(Layer.PROTOCOL, "bad-proxy-header");
    /** The CRC32C TLV does not match the header. */
    public static final Reason BAD_CRC = new Reason(Layer.PROTOCOL, "bad-proxy-crc");
    /** A header (or a required header) from a peer not in trustedProxies. */
    public static final Reason UNTRUSTED_PROXY = new Reason(Layer.NETWORK, "untrusted-proxy");
    /** A second header after the first. */
    public static final Reason DUPLICATE_HEADER = new Reason(Layer.PROTOCOL, "duplicate-proxy-header");
    /** proxyProtocol is required and the connection did not start with a header. */
    public static final Reason MISSING_HEADER = new Reason(Layer.PROTOCOL, "missing-proxy-header");
    /** The header did not arrive within the header-read timeout. */
    public static final Reason HEADER_TIMEOUT = new Reason(Layer.PROTOCOL, "proxy-header-timeout");

    private ProxyReasons() {}

    static Decision deny(Reason reason, String detail) {
        return Decision.deny(reason, "proxyProtocol", detail);
    }
}
