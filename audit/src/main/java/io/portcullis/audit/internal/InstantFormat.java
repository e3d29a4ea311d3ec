package io.portcullis.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601, fraction in groups of three
 * digits, {@code Z}), without allocating: the {@code yyyy-MM-ddTHH:mm:ss} part is cached per second, as consecutive
 * audit records almost always fall in the same second. Years outside 0..9999 take the JDK path. Not thread-safe.
 */
final class InstantFormat {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: where ISO-8601 needs no sign or fifth digit. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_9999_END = 253_402_300_799L;

    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] cachedPrefix = new byte[19];

    void write(Instant t, ByteSink out) {
        long second = t.getEpochSecond();
        if (second < YEAR_0 || second > YEAR_9999_END) {
            out.ascii(t.toString());
            return;
        }
        if (second != cachedSecond) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            byte[] prefix = String.format("%04d-%02d-%02dT%02d:%02d:%02d", d.getYear(), d.getMonthValue(),
                    d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond()).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, cachedPrefix, 0, 19);
            cachedSecond = second;
        }
        out.ensure(19 + 11);
        System.arraycopy(cachedPrefix, 0, out.buf, out.len, 19);
        out.len += 19;
        int nano = t.getNano();
        if (nano != 0) {
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1000 == 0) {
                digits = 6;
                value = nano / 1000;
            } else {
                digits = 9;
                value = nano;
            }
            out.buf[out.len++] = '.';
            for (int i = digits - 1; i >= 0; i--) {
                out.buf[out.len + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            out.len += digits;
        }
        out.buf[out.len++] = 'Z';
    }
}
