package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.runtime.autoblock.BlockSharing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks shared by every node: an auto-block on one node is refused by all of them within a second, and lifted
 * by all of them at the same absolute time; a threat feed fetched by one node is refused by every node serving it.
 *
 * <p>Design: a block is one Redis key per prefix, {@code PREFIX:block:CIDR}, holding its end (epoch milliseconds)
 * and expiring then ({@code SET ... PXAT}), and a message {@code "CIDR END"} on the channel {@code PREFIX:blocks}.
 * Every node (the blocking one too) adds what it hears to the blocklist source {@value #SOURCE} of its
 * accept-time {@link InMemoryBlocklist}, the one place a block is enforced, and removes it at its end; a full read
 * of the keys ({@code SCAN}) at the first connection and after every return from fallback recovers what was
 * published while the node could not hear. A fetched feed list is the key {@code PREFIX:feed:NAME} (its fetch time,
 * then one prefix a line) and the feed's name on {@code PREFIX:feeds}; a node that serves a feed of that name
 * adopts the newest list as the feed's blocklist source, whoever fetched it. Ends are wall-clock times: the nodes' clocks must agree (NTP) to the
 * precision wanted of "the same time".
 */
public final class SharedBlocks implements BlockSharing {

    /** The blocklist source of blocks heard from the cluster. */
    public static final String SOURCE = "cluster-block";
    /** How long a feed's published list stays in Redis after its last fetch. */
    static final long FEED_KEPT_MILLIS = 7L * 24 * 3600 * 1000;
    private static final Logger log = LoggerFactory.getLogger(SharedBlocks.class);

    private final RedisLink link;
    private final InMemoryBlocklist blocklist;
    private final Clock clock;
    private final Map<Cidr, Long> ends = new ConcurrentHashMap<>();
    private final Map<String, Long> feedTimes = new ConcurrentHashMap<>();
    private volatile Set<String> feeds = Set.of();
    /** Lists this node fetched while Redis was not connected: published when it connects (a node starts so). */
    private final Map<String, String> unpublished = new ConcurrentHashMap<>();

    public SharedBlocks(RedisLink link, InMemoryBlocklist blocklist, Clock clock) {
        this.link = requireNonNull(link, "link");
        this.blocklist = requireNonNull(blocklist, "blocklist");
        this.clock = requireNonNull(clock, "clock");
        link.subscribe(channel(), this::heard);
        link.subscribe(link.key("feeds"), this::feedHeard);
        link.onConnected(() -> {
            unpublished.forEach(this::publishFeed);
            readAll();
        });
    }

    private String channel() {
        return link.key("blocks");
    }

    @Override
    public void blocked(String key, Collection<Cidr> cidrs, long untilMillis) {
        StatefulRedisConnection<String, String> t = link.text();
        if (t == null) {
            log.warn("shared blocks: {} not shared, Redis is not connected", key);
            return;
        }
        var async = t.async();
        for (Cidr cidr : cidrs) {
            async.set(link.key("block:" + cidr), Long.toString(untilMillis), SetArgs.Builder.pxAt(untilMillis));
            async.publish(channel(), cidr + " " + untilMillis).whenComplete((n, e) -> {
                if (e != null) {
                    log.warn("shared blocks: {} not published: {}", cidr, e.toString());
                }
            });
        }
    }

    @Override
    public void feedFetched(String feed, Collection<Cidr> cidrs) {
        long now = clock.millis();
        feedTimes.put(feed, now);
        StringBuilder value = new StringBuilder(Long.toString(now));
        cidrs.forEach(c -> value.append('\n').append(c));
        unpublished.put(feed, value.toString());
        publishFeed(feed, value.toString());
    }

    /** Publishes a fetched list, unless Redis is not connected (then it waits in {@link #unpublished}). */
    private void publishFeed(String feed, String value) {
        StatefulRedisConnection<String, String> t = link.text();
        if (t == null) {
            return;
        }
        var async = t.async();
        async.set(link.key("feed:" + feed), value, SetArgs.Builder.px(FEED_KEPT_MILLIS));
        async.publish(link.key("feeds"), feed).thenRun(() -> unpublished.remove(feed, value));
    }

    @Override
    public void feedsInForce(Set<String> names) {
        feeds = Set.copyOf(names);
        feedTimes.keySet().retainAll(feeds);
        link.scheduler().execute(this::readFeeds);
    }

    /** The prefixes blocked through the cluster now, with their ends (for tests and the admin view). */
    public Map<Cidr, Long> blocks() {
        return Map.copyOf(ends);
    }

    private void heard(String message) {
        int space = message.indexOf(' ');
        try {
            add(Cidr.parse(message.substring(0, space)), Long.parseLong(message.substring(space + 1)));
        } catch (RuntimeException e) {
            log.warn("shared blocks: ignored a malformed message '{}': {}", message, e.toString());
        }
    }

    /** A peer fetched {@code feed}: its list is adopted if this node serves the feed and holds an older list. */
    private void feedHeard(String feed) {
        StatefulRedisConnection<String, String> t = link.text();
        if (t != null && feeds.contains(feed)) {
            t.async().get(link.key("feed:" + feed)).thenAccept(v -> adopt(feed, v));
        }
    }

    private void readFeeds() {
        StatefulRedisConnection<String, String> t = link.text();
        if (t == null) {
            return;
        }
        for (String feed : feeds) {
            try {
                adopt(feed, t.sync().get(link.key("feed:" + feed)));
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
    }

    /** {@code value} is the fetch time and the prefixes, one a line; adopted when newer than the list held. */
    private void adopt(String feed, String value) {
        if (value == null || !feeds.contains(feed)) {
            return;
        }
        String[] lines = value.split("\n");
        long fetched = Long.parseLong(lines[0]);
        if (fetched <= feedTimes.getOrDefault(feed, 0L)) {
            return;
        }
        List<Cidr> cidrs = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            cidrs.add(Cidr.parse(lines[i]));
        }
        feedTimes.put(feed, fetched);
        blocklist.replaceSource(feed, cidrs);
        log.info("threat feed {}: {} prefixes in force, as a peer fetched them", feed, cidrs.size());
    }

    /** Every block still in Redis (at the first connection and after a return from fallback). */
    private void readAll() {
        readFeeds();
        StatefulRedisConnection<String, String> t = link.text();
        if (t == null) {
            return;
        }
        try {
            RedisCommands<String, String> sync = t.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            int n = 0;
            do {
                KeyScanCursor<String> page = sync.scan(cursor, ScanArgs.Builder.matches(link.key("block:*")).limit(500));
                if (!page.getKeys().isEmpty()) {
                    for (KeyValue<String, String> kv : sync.mget(page.getKeys().toArray(String[]::new))) {
                        if (kv.hasValue()) {
                            add(Cidr.parse(kv.getKey().substring(link.key("block:").length())), Long.parseLong(kv.getValue()));
                            n++;
                        }
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());
            log.info("shared blocks: {} read from Redis", n);
        } catch (RuntimeException e) {
            link.failed(e);
            log.warn("shared blocks: full read failed: {}", e.toString());
        }
    }

    private void add(Cidr cidr, long untilMillis) {
        long left = untilMillis - clock.millis();
        if (left <= 0) {
            return;
        }
        ends.merge(cidr, untilMillis, Math::max);
        publish();
        link.scheduler().schedule(this::publish, left + 1, TimeUnit.MILLISECONDS);
    }

    /** The blocklist source set to the blocks not yet ended. */
    private synchronized void publish() {
        long now = clock.millis();
        ends.entrySet().removeIf(e -> e.getValue() <= now);
        List<Cidr> live = new ArrayList<>(ends.keySet());
        blocklist.replaceSource(SOURCE, live);
    }
}
