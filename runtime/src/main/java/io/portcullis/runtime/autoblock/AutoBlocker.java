package io.portcullis.runtime.autoblock;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.node.AutoBlockConfig;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts identity and policy denials (401 and 403 from the authorizer) per source key ({@code address},
 * {@code workload} or {@code group}) and, at {@code failures} within {@code window}, blocks every address of that
 * source for {@code cooldown}.
 *
 * <p>Design: a failure costs one map lookup and a write into that key's ring of the last {@code failures}
 * timestamps (the key is blocked when the oldest of them is within the window), on the event loop, under the
 * ring's own monitor (contended only by failures of the same key). Blocks are kept in this class and published
 * as one blocklist source, {@code auto-block}, with {@link InMemoryBlocklist#replaceSource}, so a block or an
 * expiry never disturbs a feed's entries; the expiry runs on a scheduler thread. The addresses of a workload or
 * a group come from {@code addresses}, the node's current view of the configuration. Each block and unblock is
 * logged and reported to {@code events} (the audit log and alerts), and told to the other nodes of a cluster
 * through {@link BlockSharing} with its absolute end.
 */
public final class AutoBlocker implements GatewayListener, AutoCloseable {

    public static final String SOURCE = "auto-block";
    private static final Logger log = LoggerFactory.getLogger(AutoBlocker.class);
    private static final int MAX_KEYS = 100_000;

    private final AutoBlockConfig config;
    private final InMemoryBlocklist blocklist;
    private final Function<String, Collection<InetAddress>> addresses;
    private final BiConsumer<String, String> events;
    private final Clock clock;
    private final BlockSharing sharing;
    private final ConcurrentHashMap<String, long[]> rings = new ConcurrentHashMap<>();
    private final Map<String, Block> blocks = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-auto-block");
        t.setDaemon(true);
        return t;
    });

    private record Block(String key, Set<Cidr> cidrs, long untilMillis) {}

    /**
     * @param addresses for a key such as {@code address:10.0.0.5}, {@code workload:trader-1} or
     *     {@code group:111111111111/sg-x}, the addresses it covers now
     * @param events told {@code (message, key)} on each block and unblock
     */
    public AutoBlocker(AutoBlockConfig config, InMemoryBlocklist blocklist, Function<String, Collection<InetAddress>> addresses,
                       BiConsumer<String, String> events, Clock clock) {
        this(config, blocklist, addresses, events, clock, BlockSharing.NONE);
    }

    /** As above, each block also told to the other nodes through {@code sharing}. */
    public AutoBlocker(AutoBlockConfig config, InMemoryBlocklist blocklist, Function<String, Collection<InetAddress>> addresses,
                       BiConsumer<String, String> events, Clock clock, BlockSharing sharing) {
        this.sharing = requireNonNull(sharing, "sharing");
        this.config = requireNonNull(config, "config");
        this.blocklist = requireNonNull(blocklist, "blocklist");
        this.addresses = requireNonNull(addresses, "addresses");
        this.events = requireNonNull(events, "events");
        this.clock = requireNonNull(clock, "clock");
        long sweep = Math.max(1000, config.window().toMillis());
        scheduler.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onRequest(RequestEvent event) {
        Authorization a = event.authorization();
        if (a == null || a.allowed() || event.probe()) { // a probe's refusal is the probe's finding, not an attack
            return;
        }
        long now = clock.millis();
        for (String key : keys(event)) {
            if (failure(key, now)) {
                block(key, now);
            }
        }
    }

    private List<String> keys(RequestEvent e) {
        String address = "address:" + e.sourceAddress().getAddress().getHostAddress();
        return switch (config.key()) {
            case "workload" -> List.of(e.source().isKnownWorkload() ? "workload:" + e.source().workload() : address);
            case "group" -> e.source().groups().isEmpty() ? List.of(address)
                    : e.source().groups().stream().map(g -> "group:" + g).toList();
            default -> List.of(address);
        };
    }

    /** Records a failure; true when it is the {@code failures}-th within the window. */
    private boolean failure(String key, long now) {
        if (rings.size() >= MAX_KEYS && !rings.containsKey(key)) {
            sweep();
        }
        long[] ring = rings.computeIfAbsent(key, k -> new long[config.failures() + 1]); // [0] = next slot
        synchronized (ring) {
            int n = config.failures();
            int slot = (int) ring[0];
            ring[1 + slot] = now;
            ring[0] = (slot + 1) % n;
            long oldest = ring[1 + (int) ring[0]];
            if (oldest != 0 && now - oldest <= config.window().toMillis()) {
                java.util.Arrays.fill(ring, 0L);
                return true;
            }
            return false;
        }
    }

    private synchronized void block(String key, long now) {
        if (blocks.containsKey(key)) {
            return;
        }
        Set<Cidr> cidrs = new LinkedHashSet<>();
        for (InetAddress a : addresses.apply(key)) {
            cidrs.add(Cidr.of(a));
        }
        if (cidrs.isEmpty()) {
            log.warn("auto-block: {} reached {} failures within {} but covers no address now", key, config.failures(), config.window());
            return;
        }
        long until = now + config.cooldown().toMillis();
        blocks.put(key, new Block(key, cidrs, until));
        publish();
        sharing.blocked(key, cidrs, until);
        String message = key + " blocked for " + config.cooldown() + " after " + config.failures()
                + " authentication or authorization failures within " + config.window() + ": " + cidrs;
        log.warn("auto-block: {}", message);
        events.accept(message, key);
        scheduler.schedule(() -> unblock(key), config.cooldown().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void unblock(String key) {
        Block b = blocks.remove(key);
        if (b != null) {
            publish();
            log.info("auto-block: {} unblocked after its cooldown of {}", key, config.cooldown());
            events.accept(key + " unblocked after its cooldown of " + config.cooldown(), key);
        }
    }

    /** The keys blocked now. */
    public synchronized Set<String> blocked() {
        return Set.copyOf(blocks.keySet());
    }

    private void publish() {
        List<Cidr> all = new ArrayList<>();
        blocks.values().forEach(b -> all.addAll(b.cidrs()));
        blocklist.replaceSource(SOURCE, all);
    }

    /** Drops rings whose newest failure is older than the window. */
    private void sweep() {
        long cutoff = clock.millis() - config.window().toMillis();
        rings.entrySet().removeIf(e -> {
            long[] ring = e.getValue();
            synchronized (ring) {
                long newest = 0;
                for (int i = 1; i < ring.length; i++) {
                    newest = Math.max(newest, ring[i]);
                }
                return newest < cutoff;
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        synchronized (this) {
            blocks.clear();
            publish();
        }
    }
}
