package io.portcullis.audit.internal;

/**
 * Remembers the encoded bytes of recently written strings, keyed by the string's identity.
 *
 * <p>Design note: most fields of an audit record (API, route, VPC, workload, groups, rule, statement, issuer,
 * decision texts, and the field names themselves) are the same {@code String} instances from the compiled
 * configuration record after record, so a direct-mapped table of 4,096 slots indexed by
 * {@link System#identityHashCode} turns their encoding into one compare and one copy (a record's twenty-odd such
 * texts rarely share a slot). Strings made per request (request id, path, address, principal) are not looked up
 * at all: they would only miss, and evict. Identity, not equality, keeps a lookup O(1) without hashing the
 * contents. Not thread-safe: one per encoder.
 */
final class EncodedStrings {

    private static final int SLOTS = 4096;

    private final String[] keys = new String[SLOTS];
    private final byte[][] encoded = new byte[SLOTS][];

    /** The cached bytes for exactly this instance, or null. */
    byte[] get(String s) {
        int slot = System.identityHashCode(s) & (SLOTS - 1);
        return keys[slot] == s ? encoded[slot] : null;
    }

    void put(String s, byte[] bytes) {
        int slot = System.identityHashCode(s) & (SLOTS - 1);
        keys[slot] = s;
        encoded[slot] = bytes;
    }
}
