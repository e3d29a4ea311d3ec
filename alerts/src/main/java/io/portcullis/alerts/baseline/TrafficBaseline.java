package io.portcullis.alerts.baseline;

import static java.util.Objects.requireNonNull;

import io.portcullis.alerts.Alert;
import io.portcullis.alerts.RuleType;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Unusual traffic against a learned baseline. Three detectors, each alert naming what was expected, what was seen
 * and over which window:
 * <ul>
 *   <li><b>rate</b>: requests per API and per principal in each {@code bucket} (5 min), against the same series'
 *   history in the same hour of the week (168 slots, so Monday 09:00 is compared with earlier Mondays 09:00 and a
 *   weekend lull is not a drop). Per slot, the mean and variance are exact over the first {@code warmup} buckets and
 *   then exponentially weighted ({@link Moments}). The spread used is the larger of the learned standard
 *   deviation and {@code sqrt(mean + (minRelativeSpread * mean)^2)}, Poisson noise plus a multiplicative
 *   overdispersion (a negative-binomial variance): a spike is more than {@code spikeZ} spreads above the mean,
 *   a drop more than {@code dropZ} below, and either must also differ by {@code minDelta} requests.</li>
 *   <li><b>new route</b>: a principal calling a route and method (on an API) it has not used since it was first
 *   seen, once it has been watched for {@code learning} (1 day).</li>
 *   <li><b>denial share</b>: per layer, the share of requests it refused in a bucket against its usual share
 *   (exact then weighted, as above); the spread is binomial noise plus the learned deviation.</li>
 * </ul>
 * An alert of one key and kind is not repeated within {@code cooldown}. An anomalous bucket teaches its slot only
 * the edge of the band it left, so one spike or outage barely moves the baseline and a lasting change is learned
 * over some hours.
 *
 * <p>Design: time comes from the injected {@link Clock}; a bucket is closed (and judged) by the first
 * {@link #observe} or {@link #tick} after it ends, so a series that goes silent is judged at the next tick. Methods
 * are synchronized: the runtime calls them from one thread (the alert bridge's drain), tests from theirs.
 * Memory is bounded by {@link #MAX_SERIES} series (each with up to 168 slots) and as many principals.
 */
public final class TrafficBaseline {

    /** Series (APIs and principals) and principals beyond this are not tracked (and counted as untracked). */
    public static final int MAX_SERIES = 10_000;
    private static final int SLOTS = 168;
    private static final long MIN_BUCKET_REQUESTS_FOR_SHARES = 50;

    private final BaselineSettings settings;
    private final Clock clock;
    private final Consumer<Alert> out;
    private final long bucketMillis;
    private long bucketStart = -1;
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, Moments[]> rates = new HashMap<>();
    private long total;
    private final Map<String, long[]> denials = new HashMap<>();
    private final Map<String, Moments> shares = new HashMap<>();
    private final Map<String, Principal> principals = new HashMap<>();
    private final Map<String, Long> lastAlert = new HashMap<>();
    private long untracked;
    private long judgments;

    private static final class Principal {
        final long firstSeen;
        final Set<String> calls = new LinkedHashSet<>();

        Principal(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    public TrafficBaseline(BaselineSettings settings, Clock clock, Consumer<Alert> out) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.out = requireNonNull(out, "out");
        this.bucketMillis = settings.bucket().toMillis();
    }

    /** Counts one finished request at the clock's time. */
    public void observe(TrafficSample s) {
        observe(s, clock.millis());
    }

    /**
     * Counts one finished request at its own time (epoch milliseconds), as a queue's consumer does; a sample older
     * than the bucket being counted is counted in that bucket.
     */
    public synchronized void observe(TrafficSample s, long timeMillis) {
        long now = Math.max(timeMillis, bucketStart);
        roll(now);
        count("api " + s.api());
        if (!s.principal().isEmpty()) {
            count("principal " + s.principal());
            novelty(s, now);
        }
        total++;
        if (!s.deniedBy().isEmpty()) {
            denials.computeIfAbsent(s.deniedBy(), k -> new long[1])[0]++;
        }
    }

    /** Closes and judges every bucket that ended by the clock's time (call it every few seconds). */
    public synchronized void tick() {
        roll(clock.millis());
    }

    /** How many bucket counts and denial shares have been judged against a warmed-up baseline. */
    public synchronized long judgments() {
        return judgments;
    }

    /** Series or principals not tracked because {@link #MAX_SERIES} was reached. */
    public synchronized long untracked() {
        return untracked;
    }

    private void count(String series) {
        long[] c = counts.get(series);
        if (c == null) {
            if (!rates.containsKey(series) && rates.size() + counts.size() >= MAX_SERIES) {
                untracked++;
                return;
            }
            c = new long[1];
            counts.put(series, c);
        }
        c[0]++;
    }

    private void novelty(TrafficSample s, long now) {
        Principal p = principals.get(s.principal());
        if (p == null) {
            if (principals.size() >= MAX_SERIES) {
                untracked++;
                return;
            }
            p = new Principal(now);
            principals.put(s.principal(), p);
        }
        String call = s.method() + " " + (s.route().isEmpty() ? "(no route)" : s.route()) + " on " + s.api();
        if (p.calls.add(call) && now - p.firstSeen >= settings.learning().toMillis() && p.calls.size() > 1) {
            String usual = String.join(", ", p.calls.stream().filter(c -> !c.equals(call)).limit(5).toList())
                    + (p.calls.size() > 6 ? ", ..." : "");
            fire("principal " + s.principal(), "new-route", now, 1, 0, Duration.ofMillis(now - p.firstSeen),
                    "principal " + s.principal() + " called " + call + ": expected one of the " + (p.calls.size() - 1)
                    + " calls it made since " + Instant.ofEpochMilli(p.firstSeen) + " (" + usual + "); seen a call "
                    + "new to it, over the window " + Instant.ofEpochMilli(p.firstSeen) + " .. " + Instant.ofEpochMilli(now));
        }
    }

    private void roll(long now) {
        long start = now - Math.floorMod(now, bucketMillis);
        if (bucketStart < 0) {
            bucketStart = start;
            return;
        }
        while (bucketStart < start) {
            close(bucketStart);
            bucketStart += bucketMillis;
        }
    }

    private void close(long start) {
        long end = start + bucketMillis;
        int slot = slot(start);
        Set<String> series = new HashSet<>(rates.keySet());
        series.addAll(counts.keySet());
        for (String key : series) {
            long[] c = counts.get(key);
            long x = c == null ? 0 : c[0];
            Moments m = rates.computeIfAbsent(key, k -> new Moments[SLOTS])[slot];
            if (m == null) {
                m = new Moments();
                rates.get(key)[slot] = m;
            }
            double learned = x;
            if (m.samples() >= settings.warmup()) {
                judgments++;
                learned = judgeRate(key, x, m, slot, start, end);
            }
            m.add(learned, settings.warmup(), settings.alpha());
        }
        counts.clear();
        if (total >= MIN_BUCKET_REQUESTS_FOR_SHARES) {
            Set<String> layers = new HashSet<>(shares.keySet());
            layers.addAll(denials.keySet());
            for (String layer : layers) {
                long[] d = denials.get(layer);
                long x = d == null ? 0 : d[0];
                Moments m = shares.computeIfAbsent(layer, k -> new Moments());
                double learned = x;
                if (m.samples() >= settings.warmup()) {
                    judgments++;
                    learned = judgeShare(layer, x, m, start, end);
                }
                m.add(learned / total, settings.warmup(), settings.alpha());
            }
        }
        total = 0;
        denials.clear();
    }

    /**
     * Judges a bucket's count; returns what the slot learns from it: the count, or for an anomaly the count clamped
     * to the band it left, so one spike or outage barely moves the baseline while a lasting change is learned slowly.
     */
    private double judgeRate(String key, long x, Moments m, int slot, long start, long end) {
        double mean = m.mean();
        // at least Poisson noise plus a multiplicative overdispersion (a negative-binomial variance)
        double overdispersion = settings.minRelativeSpread() * mean;
        double spread = Math.max(m.sd(), Math.sqrt(Math.max(mean, 1) + overdispersion * overdispersion));
        double high = mean + settings.spikeZ() * spread;
        double low = mean - settings.dropZ() * spread;
        String expected = String.format(Locale.ROOT, "%.0f ± %.0f requests (%s, %d buckets of history)", mean, spread,
                slotName(slot), m.samples());
        if (x > high && x - mean >= settings.minDelta()) {
            fire(key, "spike", end, x, (long) Math.ceil(high), settings.bucket(), "requests to " + key + ": expected "
                    + expected + ", seen " + x + " (a spike, above " + (long) Math.ceil(high) + ") over " + window(start, end));
            return high;
        } else if (x < low && mean - x >= settings.minDelta()) {
            fire(key, "drop", end, x, (long) Math.floor(low), settings.bucket(), "requests to " + key + ": expected "
                    + expected + ", seen " + x + " (a drop, below " + (long) Math.max(0, Math.floor(low)) + ") over "
                    + window(start, end));
            return Math.max(0, low);
        }
        return x;
    }

    /** Judges a layer's denials in a bucket; returns what its share learns (clamped as for rates). */
    private double judgeShare(String layer, long x, Moments m, long start, long end) {
        double p = m.mean();
        double floor = Math.max(p, 1.0 / MIN_BUCKET_REQUESTS_FOR_SHARES / 10);
        double expected = total * p;
        double spread = Math.sqrt(total * floor * (1 - Math.min(floor, 0.99))) + total * m.sd();
        double high = expected + settings.shareZ() * spread;
        if (x > high && x - expected >= settings.minDelta()) {
            fire("layer " + layer, "denial-share", end, x, (long) Math.ceil(high), settings.bucket(), String.format(Locale.ROOT,
                    "denials by the %s layer: expected %.1f%% of requests (%.0f of %d), seen %.1f%% (%d) over %s",
                    layer, 100 * p, expected, total, 100.0 * x / total, x, window(start, end)));
            return high;
        }
        return x;
    }

    private void fire(String key, String kind, long at, long seen, long threshold, Duration window, String detail) {
        String id = kind + " " + key;
        Long last = lastAlert.get(id);
        if (last != null && at - last < settings.cooldown().toMillis()) {
            return;
        }
        lastAlert.put(id, at);
        out.accept(new Alert("unusual-traffic", RuleType.UNUSUAL_TRAFFIC, kind + ": " + key, seen, threshold, window,
                Instant.ofEpochMilli(at), detail));
    }

    /** The hour of the week (UTC) a bucket falls in: 0 is Monday 00:00. */
    static int slot(long millis) {
        ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        return (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
    }

    private static String slotName(int slot) {
        return DayOfWeek.of(slot / 24 + 1).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT)
                + String.format(Locale.ROOT, " %02d:00 UTC", slot % 24);
    }

    private static String window(long start, long end) {
        return Instant.ofEpochMilli(start) + " .. " + Instant.ofEpochMilli(end);
    }
}
