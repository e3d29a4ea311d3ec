package io.portcullis.gateway.wire;

import java.nio.charset.StandardCharsets;

/**
 * The header names and values the HTTP/1.1 parsers and writers look for, as lower-case ASCII bytes, for
 * {@link HeaderNameSet#matches} against a head's bytes.
 */
public final class HeaderBytes {

    public static final byte[] CONNECTION = ascii("connection");
    public static final byte[] CLOSE = ascii("close");
    public static final byte[] KEEP_ALIVE = ascii("keep-alive");
    public static final byte[] CONTENT_LENGTH = ascii("content-length");
    public static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    public static final byte[] CHUNKED = ascii("chunked");
    public static final byte[] HOST = ascii("host");
    public static final byte[] EXPECT = ascii("expect");
    public static final byte[] CONTINUE = ascii("100-continue");

    private HeaderBytes() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
