package io.portcullis.testing;

import static java.util.Objects.requireNonNull;

import io.portcullis.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when a test moves it: a wall {@link Clock} and a monotonic {@link Ticker} that
 * {@link #advance(Duration)} moves together, so code that reads both (a deadline on the ticker, a timestamp on
 * the clock) sees one consistent time. {@link #setInstant(Instant)} steps the wall clock alone, either way, as
 * an operator or NTP would; the ticker, like {@link System#nanoTime()}, never goes back.
 *
 * <p>Both are nanosecond counters read and moved atomically, so threads under test see every move. The ticker
 * starts at the start instant's nanoseconds since the epoch: an origin as arbitrary as {@code nanoTime}'s and far
 * from zero, so code that takes a zero reading for "never" is not flattered.
 */
public final class FakeTime {

    private final AtomicLong wallNanos;
    private final AtomicLong tickerNanos;
    private final Ticker ticker;

    /** Time standing at {@code start}. */
    public FakeTime(Instant start) {
        long nanos = epochNanos(requireNonNull(start, "start"));
        this.wallNanos = new AtomicLong(nanos);
        this.tickerNanos = new AtomicLong(nanos);
        this.ticker = tickerNanos::get;
    }

    /** A clock in UTC that reads this time; {@code withZone} gives views of the same time. */
    public Clock clock() {
        return new View(ZoneOffset.UTC);
    }

    /** A ticker that reads this time's monotonic nanoseconds. */
    public Ticker ticker() {
        return ticker;
    }

    /** The wall clock's instant. */
    public Instant instant() {
        long n = wallNanos.get();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    /** Moves the clock and the ticker forward by {@code d}. */
    public FakeTime advance(Duration d) {
        requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("d: " + d + " (expected: >= 0; setInstant steps the clock back)");
        }
        long nanos = d.toNanos();
        tickerNanos.addAndGet(nanos);
        wallNanos.addAndGet(nanos);
        return this;
    }

    /** Steps the wall clock to {@code instant}, forward or back; the ticker does not move. */
    public FakeTime setInstant(Instant instant) {
        wallNanos.set(epochNanos(requireNonNull(instant, "instant")));
        return this;
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The clock view; views differ only in their zone. */
    private final class View extends Clock {

        private final ZoneId zone;

        View(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new View(requireNonNull(zone, "zone"));
        }

        @Override
        public Instant instant() {
            return FakeTime.this.instant();
        }

        @Override
        public long millis() {
            return Math.floorDiv(wallNanos.get(), 1_000_000L);
        }
    }
}
