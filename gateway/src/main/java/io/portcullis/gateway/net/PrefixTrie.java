package io.portcullis.gateway.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Map;

/**
 * An immutable map from IP prefixes to values that finds the value of the most specific prefix containing an
 * address.
 *
 * <p>Design: two persistent binary tries (IPv4 and IPv6), one node per prefix bit. A lookup walks at most 32 or
 * 128 nodes, takes no lock and allocates only the address byte array the JDK hands out. {@link #with} and
 * {@link #without} copy only the path to the changed prefix (at most 129 nodes) and share the rest, so a
 * blocklist can publish a new version through a volatile reference while readers keep using the old one.
 *
 * @param <V> the value type, for example the source label of a blocklist entry
 */
public final class PrefixTrie<V> {

    private static final PrefixTrie<?> EMPTY = new PrefixTrie<>(null, null, 0);

    private final Node<V> v4;
    private final Node<V> v6;
    private final int size;

    private PrefixTrie(Node<V> v4, Node<V> v6, int size) {
        this.v4 = v4;
        this.v6 = v6;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <V> PrefixTrie<V> empty() {
        return (PrefixTrie<V>) EMPTY;
    }

    /** A trie of every entry of the map. */
    public static <V> PrefixTrie<V> of(Map<Cidr, V> entries) {
        PrefixTrie<V> trie = empty();
        for (Map.Entry<Cidr, V> e : entries.entrySet()) {
            trie = trie.with(e.getKey(), e.getValue());
        }
        return trie;
    }

    public int size() {
        return size;
    }

    /** The value of the longest prefix containing the address, or {@code null} when none does. */
    public V longestMatch(InetAddress address) {
        return longestMatch(Addresses.canonicalBytes(address));
    }

    /** As {@link #longestMatch(InetAddress)}, for raw 4- or 16-byte addresses. */
    public V longestMatch(byte[] address) {
        Node<V> node = address.length == 4 ? v4 : v6;
        V best = null;
        int bits = address.length * 8;
        for (int i = 0; node != null; i++) {
            if (node.value != null) {
                best = node.value;
            }
            if (i == bits) {
                break;
            }
            node = bit(address, i) ? node.one : node.zero;
        }
        return best;
    }

    /** The value stored for exactly this prefix, or {@code null}. */
    public V get(Cidr cidr) {
        byte[] net = cidr.networkBytes();
        return find(net.length == 4 ? v4 : v6, net, cidr.prefixLength());
    }

    public boolean contains(InetAddress address) {
        return longestMatch(address) != null;
    }

    /** A trie with the prefix mapped to the value (replacing an earlier value for the same prefix). */
    public PrefixTrie<V> with(Cidr cidr, V value) {
        requireNonNull(cidr, "cidr");
        requireNonNull(value, "value");
        byte[] net = cidr.networkBytes();
        boolean isV4 = net.length == 4;
        Node<V> root = isV4 ? v4 : v6;
        boolean existed = find(root, net, cidr.prefixLength()) != null;
        Node<V> updated = put(root, net, 0, cidr.prefixLength(), value);
        int newSize = existed ? size : size + 1;
        return isV4 ? new PrefixTrie<>(updated, v6, newSize) : new PrefixTrie<>(v4, updated, newSize);
    }

    /** A trie without the prefix (the same trie when it was absent). */
    public PrefixTrie<V> without(Cidr cidr) {
        requireNonNull(cidr, "cidr");
        byte[] net = cidr.networkBytes();
        boolean isV4 = net.length == 4;
        Node<V> root = isV4 ? v4 : v6;
        if (find(root, net, cidr.prefixLength()) == null) {
            return this;
        }
        Node<V> updated = put(root, net, 0, cidr.prefixLength(), null);
        return isV4 ? new PrefixTrie<>(updated, v6, size - 1) : new PrefixTrie<>(v4, updated, size - 1);
    }

    private static <V> V find(Node<V> node, byte[] net, int length) {
        for (int i = 0; node != null; i++) {
            if (i == length) {
                return node.value;
            }
            node = bit(net, i) ? node.one : node.zero;
        }
        return null;
    }

    private static <V> Node<V> put(Node<V> node, byte[] net, int depth, int length, V value) {
        Node<V> zero = node == null ? null : node.zero;
        Node<V> one = node == null ? null : node.one;
        V here = node == null ? null : node.value;
        if (depth == length) {
            here = value;
        } else if (bit(net, depth)) {
            one = put(one, net, depth + 1, length, value);
        } else {
            zero = put(zero, net, depth + 1, length, value);
        }
        return here == null && zero == null && one == null ? null : new Node<>(zero, one, here);
    }

    private static boolean bit(byte[] address, int index) {
        return (address[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    private record Node<V>(Node<V> zero, Node<V> one, V value) {}
}
