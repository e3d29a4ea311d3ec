package io.portcullis.gateway.guard;

import static java.util.Objects.requireNonNull;

import io.portcullis.engine.Source;
import io.portcullis.gateway.settings.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections of one API by source workload (by address for unknown sources), by effective
 * security group and in total, and refuses a connection that would exceed a limit.
 *
 * <p>Design: a concurrent map from key ({@code workload:W}, {@code address:A}, {@code group:G},
 * {@code api}) to a counter, changed with atomic {@code compute} calls: a connection takes every counter or
 * none (counters already taken are given back when a later one is full). A counter is removed when it drops to
 * zero, so addresses that come and go do not accumulate. Runs once at accept and once at close; the limiter
 * outlives settings reloads (the limits are read at each accept), so counts stay right across a reload.
 */
public final class ConnectionLimiter {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    /**
     * Takes a slot for the connection, or refuses it.
     *
     * @return the lease: {@link Lease#granted()} tells whether the connection may proceed
     */
    public Lease tryAcquire(Source source, Limits limits) {
        requireNonNull(source, "source");
        requireNonNull(limits, "limits");
        List<String> taken = new ArrayList<>(2 + source.groups().size());
        String sourceKey = source.isKnownWorkload() ? "workload:" + source.workload()
                : "address:" + source.address().getHostAddress();
        if (!take(sourceKey, limits.maxConnectionsPerSource(), taken)) {
            return refuse(taken, "maxConnectionsPerSource " + limits.maxConnectionsPerSource() + " for " + sourceKey);
        }
        for (String group : source.groups()) {
            if (!take("group:" + group, limits.maxConnectionsPerGroup(), taken)) {
                return refuse(taken, "maxConnectionsPerGroup " + limits.maxConnectionsPerGroup() + " for " + group);
            }
        }
        if (!take("api", limits.maxConnections(), taken)) {
            return refuse(taken, "maxConnections " + limits.maxConnections());
        }
        return new Lease(this, List.copyOf(taken), "");
    }

    /** The open connections counted under a key such as {@code workload:web-1} or {@code api}. */
    public int openConnections(String key) {
        AtomicInteger n = open.get(key);
        return n == null ? 0 : n.get();
    }

    private boolean take(String key, int max, List<String> taken) {
        boolean[] granted = {false};
        open.compute(key, (k, n) -> {
            AtomicInteger counter = n == null ? new AtomicInteger() : n;
            if (counter.get() < max) {
                counter.incrementAndGet();
                granted[0] = true;
            }
            return counter.get() == 0 ? null : counter;
        });
        if (granted[0]) {
            taken.add(key);
        }
        return granted[0];
    }

    private Lease refuse(List<String> taken, String detail) {
        release(taken);
        return new Lease(this, List.of(), detail);
    }

    void release(List<String> keys) {
        for (String key : keys) {
            open.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /** The slots one connection holds; {@link #release()} gives them back once (on close). */
    public static final class Lease {
        private final ConnectionLimiter limiter;
        private final List<String> keys;
        private final String refusedBy;
        private boolean released;

        Lease(ConnectionLimiter limiter, List<String> keys, String refusedBy) {
            this.limiter = limiter;
            this.keys = keys;
            this.refusedBy = refusedBy;
        }

        public boolean granted() {
            return refusedBy.isEmpty();
        }

        /** Which limit refused the connection, for the log; empty when granted. */
        public String refusedBy() {
            return refusedBy;
        }

        /** Gives the slots back; later calls do nothing. Called on the connection's event loop. */
        public void release() {
            if (!released) {
                released = true;
                limiter.release(keys);
            }
        }
    }
}
