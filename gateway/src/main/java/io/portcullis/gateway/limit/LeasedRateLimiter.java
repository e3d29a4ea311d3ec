package io.portcullis.gateway.limit;

import static java.util.Objects.requireNonNull;

import io.portcullis.settings.RateLimitSettings;
import io.portcullis.time.Ticker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Global rate limits: buckets shared by every node ({@link SharedBuckets}), served on the event loop from a local
 * lease of tokens that is refilled asynchronously, ahead of need.
 *
 * <p>Design: one entry per {@code (scope, limit, key)} holds the node's lease, an {@link AtomicLong} of tokens. A
 * request takes a token with one CAS (and counts itself as demand) and never waits for the store: when the lease
 * falls to half of its last size, or runs out, one fetch per entry is started ({@link SharedBuckets#take}) and its
 * tokens are added when it completes, on the store's thread. The size of a lease follows the demand (the rate of
 * requests since the last fetch started, times {@value #HORIZON_NANOS} ns, so a fetch starts with half a
 * second of demand left, time for a round trip even on a stalling machine) between a floor
 * {@code L = max(1, capacity / 200)} and a ceiling of the shared bucket's remaining tokens divided by twice the live
 * nodes, so leases shrink as the bucket empties and no node hoards it. While the shared bucket last answered in
 * full an empty lease may go into debt down to {@code -L} (a new key, or a burst arriving during a fetch, is
 * admitted at once; the next fetch pays the debt first); once a fetch comes back short the bucket is known empty,
 * the floor is 0 and the next fetch waits for one token's refill. Idle leases are given back by {@link #returnIdle}.
 *
 * <p>Error bound, {@code n} nodes: tokens only enter a lease from the shared bucket, so the nodes together admit
 * at most the limit plus the unpaid debt, {@code n * L}. Below the limit, what is not admitted is what leases hold
 * unspent, at most half of what the bucket held when they were taken and {@code n * L} once it runs dry; idle
 * leases go back after {@code returnIdle}'s delay. When the store is not {@linkplain SharedBuckets#available
 * available} every request goes to a local bucket at the node's share of the limit, capacity and refill divided by
 * the live nodes last counted (rounded up), so the nodes together admit at most the limit plus one capacity per
 * switch (the local buckets start full) and {@code n} tokens of rounding. The request path allocates only when a
 * key is first seen and when a fetch starts (once per lease).
 */
public final class LeasedRateLimiter implements RateLimiter {

    /** The share of the capacity a lease holds at most: 1/200, so n nodes hold at most n/200 of the limit. */
    static final long LEASE_DIVISOR = 200;
    /** A lease holds about this much of the node's demand: a fetch starts when half of it is left. */
    static final long HORIZON_NANOS = 1_000_000_000L;
    private static final long MIN_ELAPSED_NANOS = 1_000_000L;

    private final SharedBuckets shared;
    private final LocalRateLimiter fallback;
    private final Ticker ticker;
    private final ConcurrentHashMap<BucketKey, Lease> leases = new ConcurrentHashMap<>();

    public LeasedRateLimiter(SharedBuckets shared, LocalRateLimiter fallback, Ticker ticker) {
        this.shared = requireNonNull(shared, "shared");
        this.fallback = requireNonNull(fallback, "fallback");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /** The most tokens one node leases of {@code limit} at a time. */
    public static long leaseSize(RateLimitSettings limit) {
        return Math.max(1, limit.capacity() / LEASE_DIVISOR);
    }

    @Override
    public RateLimitProbe tryConsume(String scope, RateLimitSettings limit, String key) {
        Lease lease = lease(scope, limit, key);
        long now = ticker.read();
        lease.usedAt = now;
        if (!shared.available()) {
            return fallback.tryConsume(scope, lease.share(shared.liveNodes()), key);
        }
        long floor = lease.empty ? 0 : -lease.size;
        AtomicLong tokens = lease.tokens;
        for (;;) {
            long t = tokens.get();
            if (t <= floor) {
                lease.demand.incrementAndGet();
                lease.fetch(now);
                return new RateLimitProbe(false, 0, lease.nanosPerToken);
            }
            if (tokens.compareAndSet(t, t - 1)) {
                lease.demand.incrementAndGet();
                if (t - 1 <= lease.lastSize / 2) {
                    lease.fetch(now);
                }
                return new RateLimitProbe(true, Math.max(0, t - 1), 0);
            }
        }
    }

    @Override
    public void refund(String scope, RateLimitSettings limit, String key) {
        if (!shared.available()) {
            Lease lease = leases.get(BucketKey.lookup(scope, limit, key));
            if (lease != null) {
                fallback.refund(scope, lease.share(shared.liveNodes()), key);
            }
            return;
        }
        Lease lease = leases.get(BucketKey.lookup(scope, limit, key));
        if (lease != null) {
            lease.tokens.incrementAndGet();
        }
    }

    /**
     * Gives back the tokens of every lease unused for {@code idleNanos} and forgets leases that hold nothing; run
     * off the request path (the cluster's scheduler).
     */
    public void returnIdle(long idleNanos) {
        long now = ticker.read();
        leases.forEach((k, lease) -> {
            if (now - lease.usedAt < idleNanos || lease.fetching.get()) {
                return;
            }
            long t = lease.tokens.get();
            if (t > 0 && lease.tokens.compareAndSet(t, 0)) {
                shared.giveBack(lease.id, lease.limit, t);
            } else if (t == 0) {
                leases.remove(k, lease); // a request racing this removal spends at most one token uncounted
            }
        });
    }

    /** Tokens held in leases now, summed over every key (for metrics and tests). */
    public long leased() {
        return leases.values().stream().mapToLong(l -> l.tokens.get()).sum();
    }

    private Lease lease(String scope, RateLimitSettings limit, String key) {
        Lease lease = leases.get(BucketKey.lookup(scope, limit, key));
        if (lease == null) {
            BucketKey k = BucketKey.lookup(scope, limit, key).copy();
            lease = leases.computeIfAbsent(k, x -> new Lease(id(scope, limit, key), limit));
        }
        return lease;
    }

    /** The shared bucket's name: the scope, the limit (its policy name) and the key value. */
    static String id(String scope, RateLimitSettings limit, String key) {
        return scope + "|" + limit.policyName() + "|" + limit.capacity() + "|" + key;
    }

    /** One key's lease of the shared bucket, and its local share for the fallback. */
    private final class Lease {
        final String id;
        final RateLimitSettings limit;
        final long size;
        final long nanosPerToken;
        final AtomicLong tokens = new AtomicLong();
        final AtomicBoolean fetching = new AtomicBoolean();
        final AtomicLong demand = new AtomicLong();
        volatile long lastSize;
        private long fetchedAt; // written under the fetching flag
        volatile long remaining;
        volatile boolean empty;
        volatile long usedAt;
        volatile long notBefore;
        private volatile RateLimitSettings share;
        private volatile int shareOf;

        Lease(String id, RateLimitSettings limit) {
            this.id = id;
            this.limit = limit;
            this.size = leaseSize(limit);
            this.nanosPerToken = Math.max(1, limit.refillPeriod().toNanos() / limit.refillTokens());
            this.lastSize = size;
            this.remaining = limit.capacity();
        }

        /** Starts one fetch unless one is in flight or the bucket was found empty less than a token's refill ago. */
        void fetch(long now) {
            if ((empty && now - notBefore < 0) || !fetching.compareAndSet(false, true)) {
                return;
            }
            long ceiling = Math.max(size, remaining / (2L * Math.max(1, shared.liveNodes())));
            long elapsed = Math.max(MIN_ELAPSED_NANOS, now - fetchedAt);
            fetchedAt = now;
            long perHorizon = (long) Math.min(Long.MAX_VALUE / 2.0, demand.getAndSet(0) * (double) HORIZON_NANOS / elapsed);
            long next = Math.max(size, Math.min(ceiling, perHorizon));
            long want = next - tokens.get();
            if (want <= 0) {
                fetching.set(false);
                return;
            }
            shared.take(id, limit, want).whenComplete((got, failure) -> {
                if (failure == null) { // a failure leaves the lease as it was: its debt stays bounded by L
                    tokens.addAndGet(got.tokens());
                    remaining = got.remaining();
                    lastSize = next;
                    empty = got.tokens() < want;
                    notBefore = ticker.read() + nanosPerToken;
                }
                fetching.set(false);
            });
        }

        /** This node's share of the limit among {@code nodes}: capacity and refill divided, rounded up. */
        RateLimitSettings share(int nodes) {
            RateLimitSettings s = share;
            if (s == null || shareOf != nodes) {
                int n = Math.max(1, nodes);
                s = new RateLimitSettings(limit.key(), ceil(limit.capacity(), n),
                        ceil(limit.refillTokens(), n), limit.refillPeriod());
                share = s;
                shareOf = n;
            }
            return s;
        }

        private static long ceil(long a, int b) {
            return (a + b - 1) / b;
        }
    }
}
