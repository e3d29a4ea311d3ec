package io.portcullis.identity.jwt;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The cache key of a token: its SHA-256, as four longs. The token itself is never stored, so a heap dump of
 * the cache holds no usable credential. Hashing reuses a per-thread digest and buffer; only this small record
 * is allocated. Only ASCII tokens have a digest: narrowing other characters to bytes would make two tokens
 * collide.
 */
record TokenDigest(long a, long b, long c, long d) {

    private static final class Scratch {
        final MessageDigest sha256;
        byte[] in = new byte[2048];
        final byte[] out = new byte[32];

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The digest, or null when the token is not ASCII (and so cannot be a compact JWS). */
    static TokenDigest of(String token) {
        return of(token, 0, token.length());
    }

    /** The digest of {@code text} from {@code from} to {@code to}, or null when that range is not ASCII. */
    static TokenDigest of(String text, int from, int to) {
        Scratch s = SCRATCH.get();
        int n = to - from;
        if (s.in.length < n) {
            s.in = new byte[Math.max(n, s.in.length * 2)];
        }
        byte[] in = s.in;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(from + i);
            if (c > 0x7f) {
                return null;
            }
            in[i] = (byte) c;
        }
        s.sha256.update(in, 0, n);
        try {
            s.sha256.digest(s.out, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer bb = ByteBuffer.wrap(s.out);
        return new TokenDigest(bb.getLong(0), bb.getLong(8), bb.getLong(16), bb.getLong(24));
    }

    /** The digest's bits are uniformly random already: its first word is as good a hash as any mix of all four. */
    @Override
    public int hashCode() {
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenDigest t && t.a == a && t.b == b && t.c == c && t.d == d;
    }
}
