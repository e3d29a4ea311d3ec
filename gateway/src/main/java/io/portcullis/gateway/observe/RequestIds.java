package io.portcullis.gateway.observe;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: unique per process and, with overwhelming probability, across processes and restarts.
 *
 * <p>Design: 48 random bits chosen once per instance (12 hex characters) then a 48-bit counter (12 hex
 * characters), e.g. {@code 3f9a0c11b2de-00000000002a}. One atomic increment per id, no lock, no randomness per
 * request. The id's ASCII bytes are written into a per-thread scratch array and copied once into the string, so
 * the string is the only allocation. The counter does not wrap in practice (2^48 ids).
 */
public final class RequestIds {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX = 13;
    private static final int LENGTH = 25;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[LENGTH];
        }
    };

    private final byte[] prefix = new byte[PREFIX];
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
        byte[] id = SCRATCH.get();
        System.arraycopy(prefix, 0, id, 0, PREFIX);
        for (int i = 0; i < 12; i++) {
            id[PREFIX + i] = HEX[(int) (n >>> (44 - 4 * i)) & 0xf];
        }
        return new String(id, 0, LENGTH, StandardCharsets.ISO_8859_1);
    }
}
