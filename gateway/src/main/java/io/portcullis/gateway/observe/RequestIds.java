package io.portcullis.gateway.observe;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: unique per process and, with overwhelming probability, across processes and restarts.
 *
 * <p>Design: 48 random bits chosen once per instance (12 hex characters) then a 48-bit counter (12 hex
 * characters), e.g. {@code 3f9a0c11b2de-00000000002a}. One atomic increment and one 25-character string per id;
 * no lock, no randomness per request. The counter does not wrap in practice (2^48 ids).
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int LENGTH = 25;

    private final char[] prefix = new char[13];
    private final AtomicLong counter = new AtomicLong();

    public RequestIds() {
        long random = new SecureRandom().nextLong();
        for (int i = 0; i < 12; i++) {
            prefix[i] = HEX[(int) (random >>> (44 - 4 * i)) & 0xf];
        }
        prefix[12] = '-';
    }

    /** The next id. Safe on any thread. */
    public String next() {
        long n = counter.incrementAndGet();
        char[] id = new char[LENGTH];
        System.arraycopy(prefix, 0, id, 0, 13);
        for (int i = 0; i < 12; i++) {
            id[13 + i] = HEX[(int) (n >>> (44 - 4 * i)) & 0xf];
        }
        return new String(id);
    }
}
