package io.portcullis.gateway.upstream;

import java.nio.charset.StandardCharsets;

/** Lower-case header names the upstream parser looks for, as bytes. */
final class UpstreamHeaders {

    static final byte[] CONTENT_LENGTH = bytes("content-length");
    static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    static final byte[] CHUNKED = bytes("chunked");
    static final byte[] TRAILER = bytes("trailer");

    private UpstreamHeaders() {}

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
