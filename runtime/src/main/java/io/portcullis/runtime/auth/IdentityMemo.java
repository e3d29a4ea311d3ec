package io.portcullis.runtime.auth;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * A value worked out once per immutable object rather than once per request: what the authorizer derives from a
 * verified token (the token cache hands out the same instance on every hit) or from a workload's effective groups
 * (the engine's compiled list, the same instance in every {@code Source} of that workload).
 *
 * <p>Design: a direct-mapped table keyed by the object's identity, of immutable entries replaced whole. No lock:
 * threads race only to store equal entries, and a record's final fields make a published entry safe to read from
 * any thread. A collision (another key in the slot) costs a recomputation, never a wrong answer, since an entry
 * answers only for the very instance it was made from. Bounded by its slots, so keys of old plans and expired
 * tokens leave it as new ones arrive. {@code derive} must be a pure function of the key.
 */
final class IdentityMemo<K, V> {

    private record Entry<K, V>(K key, V value) {}

    private final Entry<K, V>[] slots;
    private final Function<K, V> derive;

    /** @param slots a power of two */
    @SuppressWarnings("unchecked")
    IdentityMemo(int slots, Function<K, V> derive) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots: " + slots + " (expected: a power of two)");
        }
        this.slots = new Entry[slots];
        this.derive = requireNonNull(derive, "derive");
    }

    V get(K key) {
        int slot = System.identityHashCode(key) & (slots.length - 1);
        Entry<K, V> e = slots[slot];
        if (e != null && e.key == key) {
            return e.value;
        }
        V value = derive.apply(key);
        slots[slot] = new Entry<>(key, value);
        return value;
    }
}
