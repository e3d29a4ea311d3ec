package io.portcullis.audit.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A {@link RecordFilter} applied to records' canonical bytes as they lie in the segment reader's buffer.
 *
 * <p>Design: nothing is parsed into objects. The canonical encoding (docs/audit.md) starts every record with
 * {@code {"time":"}, so the time criteria compare bytes in place: the {@code yyyy-MM-ddTHH:mm:ss} part (fixed
 * width for years 0 to 9999) byte by byte, then the fraction as nanoseconds; other times go through
 * {@link Instant#parse}. Field criteria walk the record's {@code "name":value} pairs (values are strings, numbers
 * or arrays of strings; a string escapes only {@code "}, {@code \} and control characters), comparing a wanted
 * field's value with the criterion encoded the same way, and stop at the first that fails or once every criterion
 * was seen (fields are unique). A record without a field a criterion names does not match. Not thread-safe.
 */
final class RecordMatcher {

    private static final byte[] START = "{\"time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int API = 1;
    private static final int SOURCE = 2;
    private static final int WORKLOAD = 4;
    private static final int PRINCIPAL = 8;
    private static final int VERDICT = 16;
    private static final int LAYER = 32;
    /** The field each criterion reads, by the number of its bit. */
    private static final byte[][] NAMES = {ascii("api"), ascii("sourceAddress"), ascii("workload"), ascii("principal"),
            ascii("verdict"), ascii("layer")};

    private final RecordFilter filter;
    private final TimeBound since;
    private final TimeBound until;
    private final AddressMatch source;
    private final String verdict;
    private final String layer;
    private final int required;
    private final byte[][] wanted = new byte[LAYER + 1][];

    RecordMatcher(RecordFilter filter) {
        this.filter = filter;
        this.since = filter.since() == null ? null : new TimeBound(filter.since());
        this.until = filter.until() == null ? null : new TimeBound(filter.until());
        this.source = filter.source() == null ? null : AddressMatch.of(filter.source());
        this.verdict = filter.verdict() == null ? null : filter.verdict().name().toLowerCase(Locale.ROOT);
        this.layer = filter.layer() == null ? null : filter.layer().name().toLowerCase(Locale.ROOT);
        this.required = (filter.api() != null ? API : 0) | (source != null ? SOURCE : 0)
                | (filter.workload() != null ? WORKLOAD : 0) | (filter.principal() != null ? PRINCIPAL : 0)
                | (verdict != null ? VERDICT : 0) | (layer != null ? LAYER : 0);
        wanted[API] = encoded(filter.api());
        wanted[WORKLOAD] = encoded(filter.workload());
        wanted[PRINCIPAL] = encoded(filter.principal());
        wanted[VERDICT] = encoded(verdict);
        wanted[LAYER] = encoded(layer);
    }

    boolean matches(byte[] buf, int offset, int length) throws IOException {
        if (since != null || until != null) {
            int start = offset + START.length;
            int end = start;
            while (end < offset + length && buf[end] != '"') {
                end++;
            }
            if (!startsWith(buf, offset, length) || end >= offset + length) {
                throw new IOException("not a canonical audit record (expected: it starts with the time)");
            }
            if (since != null && since.compareTo(buf, start, end) > 0 || until != null && until.compareTo(buf, start, end) <= 0) {
                return false;
            }
        }
        return required == 0 || fieldsMatch(buf, offset, length);
    }

    private boolean fieldsMatch(byte[] buf, int offset, int length) throws IOException {
        int pending = required;
        int end = offset + length - 1; // the closing brace
        int p = offset + 1;
        while (pending != 0 && p < end) {
            if (buf[p] != '"') {
                throw new IOException("not a canonical audit record (expected: a field name at byte " + (p - offset) + ")");
            }
            int nameEnd = p + 1;
            while (buf[nameEnd] != '"') {
                nameEnd++;
            }
            int bit = bit(buf, p + 1, nameEnd);
            int value = nameEnd + 2; // past '":'
            int next = endOfValue(buf, value, end);
            if ((pending & bit) != 0) {
                if (buf[value] != '"' || !accepts(bit, buf, value + 1, next - 1)) {
                    return false;
                }
                pending &= ~bit;
            }
            p = next + 1; // past the comma
        }
        return pending == 0;
    }

    /** Where the value starting at {@code p} ends (one past its last byte). */
    private static int endOfValue(byte[] buf, int p, int end) {
        if (buf[p] == '"') {
            return endOfString(buf, p);
        }
        if (buf[p] == '[') {
            int i = p + 1;
            while (buf[i] != ']') {
                i = buf[i] == '"' ? endOfString(buf, i) : i + 1;
            }
            return i + 1;
        }
        int i = p;
        while (i < end && buf[i] != ',') {
            i++;
        }
        return i;
    }

    private static int endOfString(byte[] buf, int quote) {
        int i = quote + 1;
        while (buf[i] != '"') {
            i += buf[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int bit(byte[] buf, int from, int to) {
        for (int bit = API; bit <= LAYER; bit <<= 1) {
            byte[] name = NAMES[Integer.numberOfTrailingZeros(bit)];
            if (Arrays.equals(buf, from, to, name, 0, name.length)) {
                return bit;
            }
        }
        return 0;
    }

    /** Whether the string value in {@code buf[from, to)} (as encoded, quotes excluded) is what {@code bit} wants. */
    private boolean accepts(int bit, byte[] buf, int from, int to) {
        if (bit == SOURCE) {
            return source.matches(buf, from, to);
        }
        byte[] w = wanted[bit];
        return Arrays.equals(buf, from, to, w, 0, w.length);
    }

    /** {@code value} as the canonical encoding writes a string's content: UTF-8, escaping quote, backslash, controls. */
    private static byte[] encoded(String value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte c : value.getBytes(StandardCharsets.UTF_8)) {
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c >= 0 && c < 0x20) {
                out.writeBytes(String.format("\\u%04x", (int) c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] buf, int offset, int length) {
        if (length < START.length) {
            return false;
        }
        for (int i = 0; i < START.length; i++) {
            if (buf[offset + i] != START[i]) {
                return false;
            }
        }
        return true;
    }

    /** One time bound, compared with a record's time text in place. */
    private static final class TimeBound {
        private final Instant instant;
        /** {@code yyyy-MM-ddTHH:mm:ss} of the bound, or null when its year needs another form. */
        private final byte[] second;
        private final int nanos;

        TimeBound(Instant instant) {
            this.instant = instant;
            String text = instant.toString();
            this.second = text.length() >= 20 && text.charAt(4) == '-' && text.charAt(10) == 'T'
                    ? text.substring(0, 19).getBytes(StandardCharsets.US_ASCII) : null;
            this.nanos = instant.getNano();
        }

        /** The bound compared with the time written in {@code buf[start, end)}: negative when the bound is earlier. */
        int compareTo(byte[] buf, int start, int end) {
            int nanosAt = start + 19;
            if (second == null || end - start < 20 || buf[start + 4] != '-' || buf[start + 10] != 'T'
                    || buf[end - 1] != 'Z' || (buf[nanosAt] != '.' && buf[nanosAt] != 'Z')) {
                return instant.compareTo(Instant.parse(new String(buf, start, end - start, StandardCharsets.US_ASCII)));
            }
            for (int i = 0; i < 19; i++) {
                int c = second[i] - buf[start + i];
                if (c != 0) {
                    return c;
                }
            }
            int recorded = 0;
            int digits = 0;
            for (int i = nanosAt + 1; i < end - 1; i++, digits++) {
                recorded = recorded * 10 + (buf[i] - '0');
            }
            for (; digits < 9; digits++) {
                recorded *= 10;
            }
            return Integer.compare(nanos, recorded);
        }
    }
}
