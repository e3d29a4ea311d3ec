package io.portcullis.gateway.guard;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Source;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.settings.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections of one API in total, by source workload (by address for unknown sources) and by
 * effective security group, refuses a connection that would exceed a limit, and keeps each source's count of
 * requests in flight.
 *
 * <p>Design: a concurrent map from key ({@code api}, {@code workload:W}, {@code address:A}, {@code group:G}) to a
 * counter, changed with atomic {@code compute} calls: a connection takes every counter or none (counters already
 * taken are given back when a later one is full). A counter is removed when it drops to zero, so addresses that
 * come and go do not accumulate. The total is taken at accept ({@link #tryAccept}), before a PROXY header names
 * the source, so connections still sending one count too; the source's and groups' when the source is known
 * ({@link Lease#tryAdmit}). A source's counter also carries its requests in flight ({@link Lease#requests}),
 * which the request path counts lock-free. Runs once at accept, once at admission and once at close; the limiter
 * outlives settings reloads (the limits are read each time), so counts stay right across a reload.
 */
public final class ConnectionLimiter {

    private static final InFlight NO_REQUESTS = new InFlight();

    /** A connection count, and (for a source key) the source's requests in flight. */
    private static final class Slot extends AtomicInteger {
        final InFlight requests = new InFlight();
    }

    private final ConcurrentHashMap<String, Slot> open = new ConcurrentHashMap<>();

    /**
     * Takes the API-wide slot for a connection just accepted, or refuses it.
     *
     * @return the lease: {@link Lease#granted()} tells whether the connection may proceed
     */
    public Lease tryAccept(Limits limits) {
        requireNonNull(limits, "limits");
        List<String> taken = new ArrayList<>(4);
        if (take("api", limits.maxConnections(), taken) == null) {
            return new Lease(this, List.of(), "maxConnections " + limits.maxConnections());
        }
        return new Lease(this, taken, "");
    }

    /** Takes every slot for a connection whose source is known at once: {@link #tryAccept} then the source's. */
    public Lease tryAcquire(Source source, Limits limits) {
        Lease lease = tryAccept(limits);
        if (lease.granted()) {
            lease.tryAdmit(source, limits);
        }
        return lease;
    }

    /** The open connections counted under a key such as {@code workload:web-1} or {@code api}. */
    public int openConnections(String key) {
        Slot n = open.get(key);
        return n == null ? 0 : n.get();
    }

    /** The requests in flight of a source key such as {@code workload:web-1}. */
    public int requestsInFlight(String key) {
        Slot n = open.get(key);
        return n == null ? 0 : n.requests.current();
    }

    /** The limiter key of a source: its workload, else its address. */
    public static String sourceKey(Source source) {
        return source.isKnownWorkload() ? "workload:" + source.workload() : "address:" + source.address().getHostAddress();
    }

    private Slot take(String key, int max, List<String> taken) {
        Slot[] granted = {null};
        open.compute(key, (k, n) -> {
            Slot slot = n == null ? new Slot() : n;
            if (slot.get() < max) {
                slot.incrementAndGet();
                granted[0] = slot;
            }
            return slot.get() == 0 ? null : slot;
        });
        if (granted[0] != null) {
            taken.add(key);
        }
        return granted[0];
    }

    void release(List<String> keys) {
        for (String key : keys) {
            open.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /**
     * The slots one connection holds; {@link #release()} gives them back once (on close). Used on the
     * connection's event loop.
     */
    public static final class Lease {
        private final ConnectionLimiter limiter;
        private final List<String> keys;
        private String refusedBy;
        private InFlight requests = NO_REQUESTS;
        private boolean released;

        Lease(ConnectionLimiter limiter, List<String> keys, String refusedBy) {
            this.limiter = limiter;
            this.keys = keys;
            this.refusedBy = refusedBy;
        }

        /**
         * Takes the source's and its groups' slots once the source is known; on a refusal gives back everything
         * this lease holds (so {@link #granted()} is false and the connection must close).
         */
        public boolean tryAdmit(Source source, Limits limits) {
            requireNonNull(source, "source");
            String sourceKey = sourceKey(source);
            List<String> taken = new ArrayList<>(1 + source.groups().size());
            Slot slot = limiter.take(sourceKey, limits.maxConnectionsPerSource(), taken);
            String refused = slot == null
                    ? "maxConnectionsPerSource " + limits.maxConnectionsPerSource() + " for " + sourceKey : null;
            for (int i = 0; refused == null && i < source.groups().size(); i++) {
                String group = source.groups().get(i);
                if (limiter.take("group:" + group, limits.maxConnectionsPerGroup(), taken) == null) {
                    refused = "maxConnectionsPerGroup " + limits.maxConnectionsPerGroup() + " for " + group;
                }
            }
            keys.addAll(taken);
            if (refused != null) {
                refusedBy = refused;
                release();
                return false;
            }
            requests = slot.requests;
            return true;
        }

        public boolean granted() {
            return refusedBy.isEmpty();
        }

        /** Which limit refused the connection, for the log; empty when granted. */
        public String refusedBy() {
            return refusedBy;
        }

        /** The admitted source's requests in flight (shared by all its connections). */
        public InFlight requests() {
            return requests;
        }

        /** Gives the slots back; later calls do nothing. */
        public void release() {
            if (!released) {
                released = true;
                limiter.release(keys);
            }
        }
    }
}
