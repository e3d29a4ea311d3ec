package io.portcullis.audit.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * A {@link RecordFilter} applied to records' canonical bytes as they lie in the segment reader's buffer.
 *
 * <p>Design: the canonical encoding starts every record with {@code {"time":"}, so the time criteria compare bytes
 * in place: the {@code yyyy-MM-ddTHH:mm:ss} part (fixed width for years 0 to 9999) byte by byte, then the
 * fraction as nanoseconds; other times go through {@link Instant#parse}. Only when a field criterion is set is
 * the record parsed, by Jackson's streaming parser over the same bytes, stopping at the first field that fails or
 * once every criterion has been seen (fields are unique and in a fixed order). A record without a field a
 * criterion names does not match. Not thread-safe (one per search).
 */
final class RecordMatcher {

    private static final byte[] START = "{\"time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int API = 1;
    private static final int SOURCE = 2;
    private static final int WORKLOAD = 4;
    private static final int PRINCIPAL = 8;
    private static final int VERDICT = 16;
    private static final int LAYER = 32;

    private final RecordFilter filter;
    private final TimeBound since;
    private final TimeBound until;
    private final AddressMatch source;
    private final String verdict;
    private final String layer;
    private final int required;
    private final JsonFactory json = new JsonFactory();

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
        try (JsonParser p = json.createParser(buf, offset, length)) {
            p.nextToken();
            while (pending != 0 && p.nextToken() == JsonToken.FIELD_NAME) {
                int bit = bit(p.currentName());
                JsonToken value = p.nextToken();
                if ((pending & bit) != 0) {
                    if (!accepts(bit, p.getText())) {
                        return false;
                    }
                    pending &= ~bit;
                } else if (value.isStructStart()) {
                    p.skipChildren();
                }
            }
        }
        return pending == 0;
    }

    private static int bit(String field) {
        return switch (field) {
            case "api" -> API;
            case "sourceAddress" -> SOURCE;
            case "workload" -> WORKLOAD;
            case "principal" -> PRINCIPAL;
            case "verdict" -> VERDICT;
            case "layer" -> LAYER;
            default -> 0;
        };
    }

    private boolean accepts(int bit, String value) {
        return switch (bit) {
            case API -> filter.api().equals(value);
            case SOURCE -> source.matches(value);
            case WORKLOAD -> filter.workload().equals(value);
            case PRINCIPAL -> filter.principal().equals(value);
            case VERDICT -> verdict.equals(value);
            default -> layer.equals(value);
        };
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
