package io.portcullis.feeds.internal;

import inet.ipaddr.IPAddress;
import io.portcullis.feeds.BadLine;
import io.portcullis.feeds.FeedList;
import io.portcullis.feeds.FeedMetadata;
import io.portcullis.feeds.FeedParseOptions;
import io.portcullis.feeds.MalformedFeedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gathers a feed's entries and bad lines as the format readers find them, then applies the whole-feed rules
 * (empty, too many bad lines) and produces the sorted, deduplicated, optionally merged {@link FeedList}.
 */
final class EntryCollector {

    private final FeedParseOptions options;
    private final Set<Prefix> prefixes = new HashSet<>();
    private final List<BadLine> samples = new ArrayList<>();
    private int entryLines;
    private int bad;
    private int masked;

    EntryCollector(FeedParseOptions options) {
        this.options = options;
    }

    /** A line holding one address or CIDR. A {@code /0} is bad: one poisoned line would block every client. */
    void entry(int line, String text) {
        Prefix.Parsed parsed;
        try {
            parsed = Prefix.parse(text);
        } catch (Prefix.NotAPrefix e) {
            bad(line, FeedMessages.notAddress(text));
            return;
        }
        if (parsed.prefix().length() == 0) {
            bad(line, FeedMessages.matchesEverything(text));
            return;
        }
        entryLines++;
        prefixes.add(parsed.prefix());
        if (parsed.hostBitsMasked()) {
            masked++;
        }
    }

    /** A line that should have held an entry but does not. */
    void bad(int line, String reason) {
        entryLines++;
        bad++;
        if (samples.size() < options.badLineSamples()) {
            samples.add(new BadLine(line, reason));
        }
    }

    int entryLines() {
        return entryLines;
    }

    FeedList finish(Optional<FeedMetadata> metadata) throws MalformedFeedException {
        if (bad > 0 && bad > options.maxBadFraction() * entryLines) {
            throw new MalformedFeedException(FeedMessages.tooManyBad(bad, entryLines, options.maxBadFraction()));
        }
        if (prefixes.isEmpty() && !options.allowEmpty()) {
            throw new MalformedFeedException(FeedMessages.empty());
        }
        List<String> cidrs = new ArrayList<>(prefixes.size());
        for (Prefix p : options.merge() ? merged() : new TreeSet<>(prefixes)) {
            cidrs.add(p.canonical());
        }
        return new FeedList(cidrs, entryLines, bad, samples, masked, metadata);
    }

    private Set<Prefix> merged() {
        TreeSet<Prefix> out = new TreeSet<>();
        if (prefixes.isEmpty()) {
            return out;
        }
        IPAddress[] blocks = prefixes.stream().map(Prefix::toBlock).toArray(IPAddress[]::new);
        IPAddress.DualIPv4Pv6Arrays merged = IPAddress.mergeToDualPrefixBlocks(blocks);
        for (IPAddress a : merged.addressesIPv4) {
            out.add(Prefix.ofBlock(a));
        }
        for (IPAddress a : merged.addressesIPv6) {
            out.add(Prefix.ofBlock(a));
        }
        return out;
    }
}
