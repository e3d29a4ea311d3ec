package io.portcullis.audit.internal;

import java.util.Arrays;

/** A growable byte array reused across records so encoding allocates nothing once warm. Not thread-safe. */
final class ByteSink {

    byte[] buf;
    int len;

    ByteSink(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    void reset() {
        len = 0;
    }

    void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** Appends {@code value} in decimal, as {@link Long#toString(long)} writes it, without allocating. */
    void digits(long value) {
        if (value < 0) {
            ascii(Long.toString(value)); // never in a record (every number is checked >= 0); kept exact anyway
            return;
        }
        int n = 1;
        for (long v = value; v >= 10; v /= 10) {
            n++;
        }
        ensure(n);
        int p = len + n;
        long v = value;
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        len += n;
    }

    /** Appends an ASCII-only string (ISO instants outside the cached range). */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
