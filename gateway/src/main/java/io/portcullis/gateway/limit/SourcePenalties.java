package io.portcullis.gateway.limit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How each source has behaved lately, and the sources sitting out a penalty: a source that keeps making the
 * gateway refuse (requests past its limits, malformed requests, frame floods, protocol errors) is refused at accept
 * for a while, so reconnecting costs it a closed socket and the gateway nothing more.
 *
 * <p>Every refusal the gateway makes for a source draws a token from its {@link Standing} ({@value #BURST} at once,
 * {@value #PER_SECOND} a second); a flood or a protocol error that closes a connection is a strike at once. When
 * the tokens run out, or on a strike, the source sits out a penalty: {@link #FIRST_PENALTY_MILLIS} ms, doubling
 * with each strike that follows within a minute of the last, up to {@link #MAX_PENALTY_MILLIS} ms; after it, its
 * budget refills from empty. Meanwhile its
 * new connections are refused before anything is read ({@code traffic/source-penalized}), and each of its open
 * connections is closed at its next request (and by the periodic re-admission of idle ones). A legitimate client stays far from it: at most a few refusals a second.
 *
 * <p>Design: one {@link Standing} per source key (the connection limiter's: {@code workload:W} or
 * {@code address:A}) in a concurrent map, shared by the gateway's event loops; a standing is a few fields under
 * its own monitor (contended only by that source's own connections). Standings with a full bucket and no penalty
 * are dropped by {@link #sweep}, so sources that come and go do not accumulate.
 */
public final class SourcePenalties {

    public static final int BURST = 200;
    public static final int PER_SECOND = 50;
    public static final long FIRST_PENALTY_MILLIS = 2_000;
    public static final long MAX_PENALTY_MILLIS = 60_000;
    private static final long STRIKES_FORGOTTEN_NANOS = 60_000_000_000L;

    private final ConcurrentHashMap<String, Standing> standings = new ConcurrentHashMap<>();
    private final int burst;
    private final int perSecond;

    /** Penalties with the default budget: {@value #BURST} refusals at once, {@value #PER_SECOND} a second. */
    public SourcePenalties() {
        this(BURST, PER_SECOND);
    }

    /** Penalties with another refusal budget per source (a test that refuses on purpose, a very trusted estate). */
    public SourcePenalties(int burst, int perSecond) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("burst: " + burst + ", perSecond: " + perSecond
                    + " (expected: both >= 1)");
        }
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /** The refusals a source may have at once. */
    public int burst() {
        return burst;
    }

    /** The refusals a source may have per second on average. */
    public int perSecond() {
        return perSecond;
    }

    /** The standing of a source (made on first use, at {@code nowNanos}, with a full budget). */
    public Standing of(String sourceKey, long nowNanos) {
        Standing standing = standings.get(sourceKey);
        return standing != null ? standing
                : standings.computeIfAbsent(sourceKey, k -> new Standing(burst, perSecond, nowNanos));
    }

    /**
     * Whether the source sits out a penalty now. Lock-free (a map read and a volatile read): asked at every accept
     * and before every request.
     */
    public boolean penalized(String sourceKey, long nowNanos) {
        Standing standing = standings.get(sourceKey);
        return standing != null && standing.penaltyUntil - nowNanos > 0;
    }

    /** Drops the standings of sources in good standing (full bucket, no penalty, no recent strike). */
    public void sweep(long nowNanos) {
        standings.values().removeIf(s -> s.forgettable(nowNanos));
    }

    /** How many sources have a standing now (for tests and metrics). */
    public int size() {
        return standings.size();
    }

    /** One source's refusal budget and penalty. */
    public static final class Standing {
        private final int burst;
        private final int perSecond;
        private long tokens;
        private long refilledAt;
        private volatile long penaltyUntil;
        private boolean penalty;
        private int strikes;
        private long lastStrike;

        Standing(int burst, int perSecond, long nowNanos) {
            this.burst = burst;
            this.perSecond = perSecond;
            this.tokens = burst;
            this.refilledAt = nowNanos;
        }

        /** Charges one refusal; false when the source's budget is spent (it now sits out a penalty). */
        public synchronized boolean charge(long nowNanos) {
            boolean inPenalty = penalized(nowNanos); // first: a penalty served by now leaves the budget empty
            refill(nowNanos);
            if (tokens > 0 && !inPenalty) {
                tokens--;
                return true;
            }
            strike(nowNanos);
            return false;
        }

        /** A strike: the source sits out a penalty from now, longer the more strikes came in the last minute. */
        public synchronized void strike(long nowNanos) {
            strikes = strikes > 0 && (penalty || nowNanos - lastStrike < STRIKES_FORGOTTEN_NANOS) ? strikes + 1 : 1;
            lastStrike = nowNanos;
            long millis = Math.min(MAX_PENALTY_MILLIS, FIRST_PENALTY_MILLIS << Math.min(strikes - 1, 10));
            penaltyUntil = Math.max(penaltyUntil, nowNanos + millis * 1_000_000);
            penalty = true;
        }

        /**
         * Whether the source sits out a penalty at {@code nowNanos}. A served penalty leaves the source on
         * probation: its budget starts empty at the penalty's end and refills at the usual rate (its strikes are
         * remembered), so a source that comes back to do the same is penalized again at its first refusal, not
         * after another {@link #BURST}: each wave of its reconnections costs the gateway a few refusals, not
         * hundreds at once.
         */
        public synchronized boolean penalized(long nowNanos) {
            if (penalty && nowNanos - penaltyUntil >= 0) {
                penalty = false;
                tokens = 0;
                refilledAt = penaltyUntil;
            }
            return penalty;
        }

        synchronized boolean forgettable(long nowNanos) {
            boolean inPenalty = penalized(nowNanos);
            refill(nowNanos);
            return !inPenalty && tokens >= burst
                    && (strikes == 0 || nowNanos - lastStrike >= STRIKES_FORGOTTEN_NANOS);
        }

        private void refill(long nowNanos) {
            long elapsedMillis = (nowNanos - refilledAt) / 1_000_000;
            if (elapsedMillis > 0) {
                refilledAt += elapsedMillis * 1_000_000;
                tokens = Math.min(burst, tokens + elapsedMillis * perSecond / 1000);
            }
        }
    }
}
