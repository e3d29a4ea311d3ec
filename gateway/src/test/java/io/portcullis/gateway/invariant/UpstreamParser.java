package io.portcullis.gateway.invariant;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The recording upstream's HTTP/1.1 request parser, written from RFC 9112 alone and sharing no code with the
 * gateway's decoder, framer, header block or response parser, nor with Netty's HTTP codec: a second opinion on
 * where each request the gateway wrote starts and ends.
 *
 * <p>It frames a message the way a typical upstream does (RFC 9112 section 6: {@code Transfer-Encoding: chunked}
 * wins, else {@code Content-Length}, else no body; header names case-insensitive), and it calls a
 * {@link Violation} whatever upstreams are known to read differently from each other, since a gateway that
 * writes such bytes cannot know which request its upstream will run: a bare LF or CR, an empty line before the
 * request line, obs-fold, a header name that is not a token (e.g. a space before the colon), a control
 * character in a value, more than one {@code Content-Length} (even equal ones), a {@code Content-Length} that is
 * not plain digits or has leading zeros (decimal or octal?), {@code Content-Length} with
 * {@code Transfer-Encoding}, a {@code Transfer-Encoding} other than one {@code chunked} or in HTTP/1.0, a target
 * that is not origin-form, not exactly one {@code Host}, a chunk-size line other than hex digits with
 * {@code ;token[=token]} extensions, chunk data not followed by CRLF, framing headers in trailers.
 *
 * <p>Stateless: {@link #parse} looks at the bytes not yet consumed and says whether they start with a complete
 * request, need more bytes, or break the rules.
 */
final class UpstreamParser {

    static final int MAX_HEAD = 64 * 1024;

    /** What the unconsumed bytes start with. */
    sealed interface Result permits Parsed, NeedMore, Violation {}

    /** A complete request, {@code consumed} bytes long. */
    record Parsed(String method, String target, String version, List<UpstreamRequest.Header> headers, byte[] body,
                  int consumed) implements Result {}

    /** The start of a request: more bytes must come. */
    record NeedMore() implements Result {}

    /** Bytes that upstreams may read differently. */
    record Violation(String detail) implements Result {}

    private static final NeedMore NEED_MORE = new NeedMore();
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private UpstreamParser() {}

    static Result parse(byte[] b, int from, int to) {
        try {
            return parseOrThrow(b, from, to);
        } catch (Bad bad) {
            return new Violation(bad.getMessage());
        }
    }

    private static Result parseOrThrow(byte[] b, int from, int to) {
        int end = lineEnd(b, from, to);
        if (end < 0) {
            return needMoreHead(from, to);
        }
        if (end == from) {
            throw new Bad("empty line before the request line");
        }
        String[] line = text(b, from, end).split(" ", -1);
        if (line.length != 3) {
            throw new Bad("request line is not 'method SP target SP version'");
        }
        if (!line[0].matches(TOKEN)) {
            throw new Bad("method is not a token");
        }
        if (!line[1].startsWith("/") || !line[1].chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new Bad("target is not an origin-form of visible ASCII");
        }
        if (!line[2].equals("HTTP/1.1") && !line[2].equals("HTTP/1.0")) {
            throw new Bad("version is not HTTP/1.1 or HTTP/1.0");
        }
        boolean http10 = line[2].equals("HTTP/1.0");
        List<UpstreamRequest.Header> headers = new ArrayList<>();
        int pos = end + 2;
        while ((end = lineEnd(b, pos, to)) != pos) {
            if (end < 0) {
                return needMoreHead(from, to);
            }
            headers.add(header(b, pos, end));
            pos = end + 2;
        }
        pos += 2;
        List<String> lengths = values(headers, "content-length");
        List<String> encodings = values(headers, "transfer-encoding");
        List<String> hosts = values(headers, "host");
        if (http10 ? hosts.size() > 1 : hosts.size() != 1) {
            throw new Bad("not exactly one Host");
        }
        if (!encodings.isEmpty()) {
            if (http10) {
                throw new Bad("Transfer-Encoding in HTTP/1.0");
            }
            if (!lengths.isEmpty()) {
                throw new Bad("Content-Length together with Transfer-Encoding");
            }
            if (encodings.size() > 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                throw new Bad("Transfer-Encoding other than one 'chunked': " + encodings);
            }
            return chunked(b, from, pos, to, line, headers);
        }
        long length = 0;
        if (!lengths.isEmpty()) {
            if (lengths.size() > 1) {
                throw new Bad("more than one Content-Length: " + lengths);
            }
            String value = lengths.get(0);
            if (!value.matches("[0-9]{1,18}")) {
                throw new Bad("Content-Length is not 1 to 18 digits: '" + value + "'");
            }
            if (value.length() > 1 && value.charAt(0) == '0') {
                throw new Bad("Content-Length with leading zeros (decimal or octal?): '" + value + "'");
            }
            length = Long.parseLong(value);
        }
        if (to - pos < length) {
            return NEED_MORE;
        }
        byte[] body = Arrays.copyOfRange(b, pos, pos + (int) length);
        return new Parsed(line[0], line[1], line[2], headers, body, pos + (int) length - from);
    }

    private static Result chunked(byte[] b, int from, int pos, int to, String[] line,
                                  List<UpstreamRequest.Header> headers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int end = lineEnd(b, pos, to);
            if (end < 0) {
                return NEED_MORE;
            }
            String sizeLine = text(b, pos, end);
            int semi = sizeLine.indexOf(';');
            String size = semi < 0 ? sizeLine : sizeLine.substring(0, semi);
            if (!size.matches("[0-9A-Fa-f]{1,15}")) {
                throw new Bad("chunk size is not 1 to 15 hex digits: '" + sizeLine + "'");
            }
            if (semi >= 0 && !sizeLine.substring(semi).matches("(;" + TOKEN + "(=" + TOKEN + ")?)+")) {
                throw new Bad("chunk extension is not ;token[=token]: '" + sizeLine + "'");
            }
            long n = Long.parseLong(size, 16);
            pos = end + 2;
            if (n == 0) {
                break;
            }
            if (to - pos < n + 2) {
                return NEED_MORE;
            }
            body.write(b, pos, (int) n);
            pos += (int) n;
            if (b[pos] != '\r' || b[pos + 1] != '\n') {
                throw new Bad("chunk data not followed by CRLF");
            }
            pos += 2;
        }
        int end;
        while ((end = lineEnd(b, pos, to)) != pos) {
            if (end < 0) {
                return NEED_MORE;
            }
            String name = header(b, pos, end).name().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("host")) {
                throw new Bad("framing or Host header in trailers");
            }
            pos = end + 2;
        }
        return new Parsed(line[0], line[1], line[2], headers, body.toByteArray(), end + 2 - from);
    }

    private static UpstreamRequest.Header header(byte[] b, int start, int end) {
        if (b[start] == ' ' || b[start] == '\t') {
            throw new Bad("obs-fold (a line starting with whitespace)");
        }
        int colon = start;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        String name = text(b, start, colon);
        if (colon == end || !name.matches(TOKEN)) {
            throw new Bad("header name is not a token followed by ':': '" + text(b, start, end) + "'");
        }
        int from = colon + 1;
        int to = end;
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (b[i] >= 0 && b[i] < 0x20 && b[i] != '\t' || b[i] == 0x7f) {
                throw new Bad("control character in the value of " + name);
            }
        }
        return new UpstreamRequest.Header(name, text(b, from, to));
    }

    /** The CR of the CRLF ending the line at {@code start}, or -1 when the line is not complete yet. */
    private static int lineEnd(byte[] b, int start, int to) {
        for (int i = start; i < to; i++) {
            if (b[i] == '\n') {
                throw new Bad("bare LF");
            }
            if (b[i] == '\r') {
                if (i + 1 == to) {
                    return -1;
                }
                if (b[i + 1] != '\n') {
                    throw new Bad("bare CR");
                }
                return i;
            }
        }
        return -1;
    }

    private static Result needMoreHead(int from, int to) {
        if (to - from > MAX_HEAD) {
            throw new Bad("request head larger than " + MAX_HEAD + " bytes");
        }
        return NEED_MORE;
    }

    private static List<String> values(List<UpstreamRequest.Header> headers, String lowerName) {
        return headers.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(lowerName))
                .map(UpstreamRequest.Header::value).toList();
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** A rule broken; unwinds to {@link #parse}. */
    private static final class Bad extends RuntimeException {
        Bad(String detail) {
            super(detail, null, false, false);
        }
    }
}
