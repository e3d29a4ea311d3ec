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

    /** Appends an ASCII-only string (field names, numbers, ISO instants). */
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
