package io.portcullis.gateway.invariant;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One request as the recording upstream parsed it: which connection and which request on it, the request line,
 * every header line in order (names as sent), and the body bytes (de-chunked).
 */
record UpstreamRequest(int connection, int sequence, String method, String target, String version,
                       List<Header> headers, byte[] body) {

    /** One header line: the name as sent and the value with surrounding whitespace removed. */
    record Header(String name, String value) {}

    UpstreamRequest {
        headers = List.copyOf(headers);
    }

    /** Every value of a header (case-insensitive name), in order. */
    List<String> values(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(lower)).map(Header::value)
                .toList();
    }

    /** The only value of a header, or {@code null} when it is absent or repeated. */
    String single(String name) {
        List<String> values = values(name);
        return values.size() == 1 ? values.get(0) : null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "upstream#" + connection + "." + sequence + " " + method + " " + target + " " + version + " "
                + headers.stream().map(h -> h.name() + ": " + h.value()).toList() + " body=" + body.length + " bytes";
    }
}
