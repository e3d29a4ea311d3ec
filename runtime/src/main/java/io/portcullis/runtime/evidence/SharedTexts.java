package io.portcullis.runtime.evidence;

import java.util.function.Function;

/**
 * The text of a value made once per value instance and then handed out again, so that records of the same rule or
 * the same connection carry the same {@code String} instance: the audit encoder copies the bytes it remembers for
 * an instance instead of encoding the text anew, and nothing is allocated per record.
 *
 * <p>Design note: a direct-mapped table of {@code SLOTS} immutable entries indexed by the key's
 * {@link System#identityHashCode}; a miss computes the text and overwrites the slot. Event loops share it without
 * locks: an entry's fields are final, so a thread that sees the entry sees them; two threads racing on a slot
 * both compute the same text and one entry wins. Bounded: {@code SLOTS} entries however many keys pass.
 */
final class SharedTexts<K> {

    private static final int SLOTS = 1024;

    private record Entry<K>(K key, String text) {}

    private final Function<K, String> text;
    @SuppressWarnings("unchecked")
    private final Entry<K>[] entries = new Entry[SLOTS];

    SharedTexts(Function<K, String> text) {
        this.text = text;
    }

    String of(K key) {
        int slot = System.identityHashCode(key) & (SLOTS - 1);
        Entry<K> e = entries[slot];
        if (e != null && e.key() == key) {
            return e.text();
        }
        String t = text.apply(key);
        entries[slot] = new Entry<>(key, t);
        return t;
    }
}
