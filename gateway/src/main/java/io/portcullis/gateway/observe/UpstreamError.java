package io.portcullis.gateway.observe;

import java.util.Locale;

/** How forwarding to the upstream failed; the {@link #tag()} is the {@code kind} of the upstream-error metric. */
public enum UpstreamError {
    /** No connection within the connect timeout, or refused (502). */
    CONNECT_FAILED,
    /** No response head within the upstream-response timeout (504). */
    RESPONSE_TIMEOUT,
    /** The upstream closed the connection before a response head (502). */
    CLOSED_BEFORE_RESPONSE,
    /** The response head or framing could not be parsed (502). */
    MALFORMED_RESPONSE,
    /** The upstream closed mid-response; the client connection was closed too. */
    CLOSED_MID_RESPONSE;

    private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The kebab-case name, e.g. {@code connect-failed}. */
    public String tag() {
        return tag;
    }
}
