package io.portcullis.gateway.guard;

import static java.util.Objects.requireNonNull;

import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.net.PrefixTrie;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Map;

/**
 * A blocklist held in memory, updated at runtime by feeds and automatic blocks.
 *
 * <p>Design: the entries live in an immutable {@link PrefixTrie} (prefix to source label) published through a
 * volatile field. Readers take the current trie and walk at most 128 nodes, with no lock and no allocation
 * beyond the JDK's address bytes. Writers are serialized on this object and publish a path-copied trie, so a
 * single block costs O(prefix length) and a feed refresh O(entries of that feed times prefix length). A reader
 * sees either the old or the new trie, never a half-applied feed.
 */
public final class InMemoryBlocklist implements Blocklist {

    private volatile PrefixTrie<String> entries = PrefixTrie.empty();
    private final Map<String, Collection<Cidr>> bySource = new java.util.HashMap<>();

    @Override
    public String blockedBy(InetAddress address) {
        return entries.longestMatch(address);
    }

    /** Blocks a prefix, labelled with its source (a feed name, or {@code auto-block}). */
    public synchronized void block(Cidr cidr, String source) {
        requireNonNull(cidr, "cidr");
        requireNonNull(source, "source");
        entries = entries.with(cidr, source);
        bySource.computeIfAbsent(source, s -> new java.util.HashSet<>()).add(cidr);
    }

    /** Removes a prefix whatever its source. */
    public synchronized void unblock(Cidr cidr) {
        requireNonNull(cidr, "cidr");
        entries = entries.without(cidr);
        bySource.values().forEach(set -> set.remove(cidr));
    }

    /**
     * Replaces every entry of one source (a feed refresh) in one step: readers see the old feed or the new one.
     */
    public synchronized void replaceSource(String source, Collection<Cidr> cidrs) {
        requireNonNull(source, "source");
        PrefixTrie<String> next = entries;
        for (Cidr old : bySource.getOrDefault(source, java.util.Set.of())) {
            if (source.equals(next.get(old))) {
                next = next.without(old);
            }
        }
        for (Cidr cidr : cidrs) {
            next = next.with(cidr, source);
        }
        bySource.put(source, new java.util.HashSet<>(cidrs));
        entries = next;
    }

    /** The number of blocked prefixes. */
    @Override
    public int size() {
        return entries.size();
    }
}
