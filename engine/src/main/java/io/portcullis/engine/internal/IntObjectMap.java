package io.portcullis.engine.internal;

import java.util.Arrays;

/**
 * An immutable-after-build open-addressing map from non-negative int keys to values, read without allocation
 * (no boxing). Linear probing over a power-of-two table at most half full.
 */
public final class IntObjectMap<V> {

    private final int[] keys;
    private final Object[] values;
    private final int mask;
    private int size;

    public IntObjectMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[cap];
        Arrays.fill(keys, -1);
        values = new Object[cap];
        mask = cap - 1;
    }

    public void put(int key, V value) {
        if (key < 0) {
            throw new IllegalArgumentException("key: " + key + " (expected: >= 0)");
        }
        int i = mix(key) & mask;
        while (keys[i] != -1 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == -1) {
            if (++size * 2 > keys.length) {
                throw new IllegalStateException("capacity exceeded: " + size + " (expected: at most " + keys.length / 2 + ")");
            }
            keys[i] = key;
        }
        values[i] = value;
    }

    @SuppressWarnings("unchecked")
    public V get(int key) {
        int i = mix(key) & mask;
        int k;
        while ((k = keys[i]) != -1) {
            if (k == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    public int size() {
        return size;
    }

    static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
