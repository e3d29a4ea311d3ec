package io.portcullis.gateway.wire;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header lines of one HTTP/1.x head as they arrived: the head's bytes and, per header, where its name and
 * (trimmed) value are. A proxy relays such a block line by line ({@link #write}), dropping the lines it must,
 * without ever decoding it into a map; {@link #toHttpHeaders()} decodes it for the rare reader that needs one.
 *
 * <p>Design: built by a parser that has checked every line ({@link HeaderLine}: token names, field-character
 * values, no line ends), so a relayed line cannot split the message. The {@code Connection} header's tokens are
 * read once, when the block is made. Immutable once built; owned by the event loop that parsed it.
 */
public final class HeaderBlock {

    private static final int CLOSE_TOKEN = 1;
    private static final int KEEP_ALIVE_TOKEN = 2;
    private static final int OTHER_TOKEN = 4;
    private static final int MATCH = 8;

    private final byte[] bytes;
    private final int[] fields; // per header: name start, name end, value start, value end
    private final int count;
    private final int connectionTokens;

    /** A block over {@code bytes}, with {@code count} headers positioned by {@code fields} (4 ints each). */
    public HeaderBlock(byte[] bytes, int[] fields, int count) {
        this.bytes = bytes;
        this.fields = fields;
        this.count = count;
        int flags = 0;
        for (int i = 0; i < count; i++) {
            if (nameIs(i, HeaderBytes.CONNECTION)) {
                flags |= connectionTokens(i, -1, 0);
            }
        }
        this.connectionTokens = flags;
    }

    /** The number of header lines. */
    public int size() {
        return count;
    }

    /** Whether a {@code Connection} header lists {@code close}. */
    public boolean connectionClose() {
        return (connectionTokens & CLOSE_TOKEN) != 0;
    }

    /** Whether a {@code Connection} header lists {@code keep-alive}. */
    public boolean connectionKeepAlive() {
        return (connectionTokens & KEEP_ALIVE_TOKEN) != 0;
    }

    /** Whether header {@code i}'s name is {@code lowerName} (ignoring case). */
    public boolean nameIs(int i, byte[] lowerName) {
        return HeaderNameSet.matches(bytes, fields[4 * i], fields[4 * i + 1], lowerName);
    }

    /** Whether header {@code i}'s name is in {@code names}. */
    public boolean nameIn(int i, HeaderNameSet names) {
        int start = fields[4 * i];
        return names.contains(bytes, start, fields[4 * i + 1] - start);
    }

    /**
     * Whether header {@code i} is named by a {@code Connection} header (other than {@code close} and
     * {@code keep-alive}), which makes it hop-by-hop.
     */
    public boolean namedByConnection(int i) {
        if ((connectionTokens & OTHER_TOKEN) == 0) {
            return false;
        }
        int start = fields[4 * i];
        int length = fields[4 * i + 1] - start;
        for (int c = 0; c < count; c++) {
            if (nameIs(c, HeaderBytes.CONNECTION) && (connectionTokens(c, start, length) & MATCH) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether header {@code i}'s value is {@code lowerValue} (ignoring case). */
    public boolean valueIs(int i, byte[] lowerValue) {
        return HeaderNameSet.matches(bytes, fields[4 * i + 2], fields[4 * i + 3], lowerValue);
    }

    /** Appends header {@code i} as {@code name: value CRLF}. */
    public void write(int i, HeadWriter out) {
        int nameStart = fields[4 * i];
        int valueStart = fields[4 * i + 2];
        out.bytes(bytes, nameStart, fields[4 * i + 1] - nameStart).put(':').put(' ')
                .bytes(bytes, valueStart, fields[4 * i + 3] - valueStart).crlf();
    }

    /** The first value of the header named {@code name} (ignoring case), or {@code null}; decodes only that value. */
    public String first(String name) {
        for (int i = 0; i < count; i++) {
            if (nameEquals(i, name)) {
                return value(i);
            }
        }
        return null;
    }

    /** Every value of the header named {@code name} (ignoring case), in order; empty when absent. */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0; i < count; i++) {
            if (nameEquals(i, name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(value(i));
            }
        }
        return values == null ? List.of() : List.copyOf(values);
    }

    private String value(int i) {
        int start = fields[4 * i + 2];
        return new String(bytes, start, fields[4 * i + 3] - start, StandardCharsets.ISO_8859_1);
    }

    private boolean nameEquals(int i, String name) {
        int start = fields[4 * i];
        if (fields[4 * i + 1] - start != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            int a = bytes[start + k] & 0xFF;
            int b = name.charAt(k);
            if (a != b && lower(a) != lower(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The headers decoded into Netty's map (names and values as {@link AsciiString}s over copies). */
    public HttpHeaders toHttpHeaders() {
        DefaultHttpHeaders headers = new DefaultHttpHeaders(false);
        for (int i = 0; i < count; i++) {
            int nameStart = fields[4 * i];
            int valueStart = fields[4 * i + 2];
            headers.add(new AsciiString(bytes, nameStart, fields[4 * i + 1] - nameStart, true),
                    new AsciiString(bytes, valueStart, fields[4 * i + 3] - valueStart, true));
        }
        return headers;
    }

    /**
     * Which kinds of token a {@code Connection} header's value lists, as flags, with {@link #MATCH} when one
     * equals the name at {@code [nameStart, nameStart + nameLength)} (ignoring case); allocates nothing.
     */
    private int connectionTokens(int i, int nameStart, int nameLength) {
        int flags = 0;
        int from = fields[4 * i + 2];
        int end = fields[4 * i + 3];
        while (from <= end) {
            int comma = from;
            while (comma < end && bytes[comma] != ',') {
                comma++;
            }
            int s = from;
            int e = comma;
            while (s < e && (bytes[s] == ' ' || bytes[s] == '\t')) {
                s++;
            }
            while (e > s && (bytes[e - 1] == ' ' || bytes[e - 1] == '\t')) {
                e--;
            }
            if (HeaderNameSet.matches(bytes, s, e, HeaderBytes.CLOSE)) {
                flags |= CLOSE_TOKEN;
            } else if (HeaderNameSet.matches(bytes, s, e, HeaderBytes.KEEP_ALIVE)) {
                flags |= KEEP_ALIVE_TOKEN;
            } else if (e > s) {
                flags |= OTHER_TOKEN;
                if (e - s == nameLength && equalsIgnoreCase(s, nameStart, nameLength)) {
                    flags |= MATCH;
                }
            }
            from = comma + 1;
        }
        return flags;
    }

    private boolean equalsIgnoreCase(int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (HeaderNameSet.toLower(bytes[a + i]) != HeaderNameSet.toLower(bytes[b + i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records a head's header lines as a parser meets them ({@link #line}), then makes the block: a copy that
     * outlives the parser ({@link #copy}), or a view over the builder's own positions, valid until it records
     * the next head ({@link #view}).
     */
    public static final class Builder {

        private final int[] at = new int[3];
        private int[] fields = new int[32];
        private int count;

        /** Checks the line {@code b[start, end)} ({@link HeaderLine}) and records it; returns what is wrong, or null. */
        public String line(byte[] b, int start, int end) {
            String violation = HeaderLine.parse(b, start, end, at);
            if (violation != null) {
                return violation;
            }
            if (4 * count + 4 > fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            fields[4 * count] = start;
            fields[4 * count + 1] = at[HeaderLine.COLON];
            fields[4 * count + 2] = at[HeaderLine.VALUE_START];
            fields[4 * count + 3] = at[HeaderLine.VALUE_END];
            count++;
            return null;
        }

        /** The colon of the line recorded last. */
        public int colon() {
            return at[HeaderLine.COLON];
        }

        /** Where the (trimmed) value of the line recorded last starts. */
        public int valueStart() {
            return at[HeaderLine.VALUE_START];
        }

        /** Where the (trimmed) value of the line recorded last ends. */
        public int valueEnd() {
            return at[HeaderLine.VALUE_END];
        }

        /** Forgets the line recorded last, which the head is not to carry on (a repeat of an earlier one). */
        public void dropLast() {
            if (count == 0) {
                throw new IllegalStateException("no line recorded");
            }
            count--;
        }

        /** Forgets the lines recorded, for the next head. */
        public void clear() {
            count = 0;
        }

        /** The block of the lines recorded over {@code bytes}, with positions of its own. */
        public HeaderBlock copy(byte[] bytes) {
            return new HeaderBlock(bytes, Arrays.copyOf(fields, 4 * count), count);
        }

        /** The block of the lines recorded over {@code bytes}, sharing this builder's positions until {@link #clear}. */
        public HeaderBlock view(byte[] bytes) {
            return new HeaderBlock(bytes, fields, count);
        }
    }
}
