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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks shared by every node: an auto-block on one node is refused by all of them within a second, and lifted
 * by all of them at the same absolute time.
 *
 * <p>Design: a block is one Redis key per prefix, {@code PREFIX:block:CIDR}, holding its end (epoch milliseconds)
 * and expiring then ({@code SET ... PXAT}), and a message {@code "CIDR END"} on the channel {@code PREFIX:blocks}.
 * Every node (the blocking one too) adds what it hears to the blocklist source {@value #SOURCE} of its
 * accept-time {@link InMemoryBlocklist}, the one place a block is enforced, and removes it at its end; a full read
 * of the keys ({@code SCAN}) at the first connection and after every return from fallback recovers what was
 * published while the node could not hear. Ends are wall-clock times: the nodes' clocks must agree (NTP) to the
 * precision wanted of "the same time".
 */
public final class SharedBlocks implements BlockSharing {

    /** The blocklist source of blocks heard from the cluster. */
    public static final String SOURCE = "cluster-block";
    private static final Logger log = LoggerFactory.getLogger(SharedBlocks.class);

    private final RedisLink link;
    private final InMemoryBlocklist blocklist;
    private final Clock clock;
    private final Map<Cidr, Long> ends = new ConcurrentHashMap<>();

    public SharedBlocks(RedisLink link, InMemoryBlocklist blocklist, Clock clock) {
        this.link = requireNonNull(link, "link");
        this.blocklist = requireNonNull(blocklist, "blocklist");
        this.clock = requireNonNull(clock, "clock");
        link.subscribe(channel(), this::heard);
        link.onConnected(this::readAll);
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

    /** Every block still in Redis (at the first connection and after a return from fallback). */
    private void readAll() {
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
