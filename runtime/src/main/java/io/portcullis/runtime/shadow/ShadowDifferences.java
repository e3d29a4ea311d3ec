package io.portcullis.runtime.shadow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.decision.Reason;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the shadow found: decisions compared, decisions not compared (and why), failures, and every difference
 * counted by its {@link Difference} key, in meters ({@code portcullis_shadow_*}) and in the report of the
 * candidate in force ({@code GET /shadow}), with the latest samples and their explanations.
 *
 * <p>Design: counting runs on the event loops and allocates nothing for a decision that agrees (two cached
 * counters and a {@link LongAdder}); a difference costs its key and a map lookup. At most one sample per key per
 * {@value #SAMPLE_EVERY_MILLIS} ms is taken: its explanations are built on one sampler thread behind a bounded
 * queue (a full queue drops the sample and counts it), never on an event loop, and each is logged as one JSON
 * line ({@code shadow difference: {...}}). Meters are monotonic for the
 * process; the report's tallies restart when another candidate is put in shadow ({@link #restart}).
 */
final class ShadowDifferences implements AutoCloseable {

    static final long SAMPLE_EVERY_MILLIS = 1000;
    static final int SAMPLES_KEPT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(ShadowDifferences.class);

    /** The report's count of one difference and when it was last sampled. */
    private static final class Tally {
        final LongAdder count = new LongAdder();
        final AtomicLong lastSampled = new AtomicLong(Long.MIN_VALUE / 2); // never sampled: any time is late enough
    }

    /** What the report counts for one candidate; replaced whole by {@link #restart}. */
    private static final class Period {
        final Map<Difference, Tally> tallies = new ConcurrentHashMap<>();
        final Map<String, LongAdder> compared = new ConcurrentHashMap<>();
        final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final ArrayDeque<ObjectNode> samples = new ArrayDeque<>(); // guarded by itself
    }

    private final MeterRegistry registry;
    private final Counter comparedConnections;
    private final Counter comparedRequests;
    private final Counter dropped;
    private final Map<Difference, Counter> differenceCounters = new ConcurrentHashMap<>();
    private final Map<Reason, Counter> skippedCounters = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor sampler;
    private volatile Period period = new Period();

    ShadowDifferences(MeterRegistry registry) {
        this.registry = registry;
        this.comparedConnections = compared(registry, Difference.CONNECTION);
        this.comparedRequests = compared(registry, Difference.REQUEST);
        this.dropped = Counter.builder("portcullis.shadow.samples.dropped")
                .description("Shadow differences not sampled because the sampler's queue was full").register(registry);
        this.sampler = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "portcullis-shadow-sampler");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> dropped.increment());
    }

    private static Counter compared(MeterRegistry registry, String kind) {
        return Counter.builder("portcullis.shadow.decisions").tag("kind", kind)
                .description("Decisions taken by both the live and the candidate plan and compared").register(registry);
    }

    /** The report starts over: another candidate is in shadow (or none). */
    void restart() {
        period = new Period();
    }

    void compared(String kind) {
        (kind.equals(Difference.CONNECTION) ? comparedConnections : comparedRequests).increment();
        period.compared.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /**
     * A live decision the shadow does not compare (its state belongs to the live node), by its reason. Only requests
     * are skipped (every connection the guard decides is compared), so the meter is cached by the reason alone.
     */
    void skipped(String kind, Reason live) {
        skippedCounters.computeIfAbsent(live, r -> Counter.builder("portcullis.shadow.skipped").tag("kind", kind)
                .tag("reason", r.code()).description("Live decisions the shadow does not compare, by the live reason")
                .register(registry)).increment();
        period.skipped.computeIfAbsent(kind + " " + live.code(), k -> new LongAdder()).increment();
    }

    /** The shadow failed on a decision (the live one stood). */
    void failed(String kind) {
        registry.counter("portcullis.shadow.errors", "kind", kind).increment();
        period.errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /**
     * Counts a difference; when its key was not sampled in the last second, {@code sample} is built on the sampler
     * thread and kept. {@code sample} must hold copies of what it needs (it runs after the request moved on).
     */
    void differ(Difference d, long nowMillis, Supplier<ObjectNode> sample) {
        differenceCounters.computeIfAbsent(d, k -> Counter.builder("portcullis.shadow.differences")
                .tag("kind", k.kind()).tag("api", k.api()).tag("layer", k.layer()).tag("live", k.live())
                .tag("shadow", k.shadow()).tag("reason", k.reason())
                .description("Decisions where the candidate plan disagrees with the live one").register(registry))
                .increment();
        Period p = period;
        Tally t = p.tallies.computeIfAbsent(d, k -> new Tally());
        t.count.increment();
        long last = t.lastSampled.get();
        if (nowMillis - last >= SAMPLE_EVERY_MILLIS && t.lastSampled.compareAndSet(last, nowMillis)) {
            sampler.execute(() -> { // a full queue drops it (counted)
                try {
                    ObjectNode built = sample.get();
                    log.info("shadow difference: {}", built);
                    keep(p, built);
                } catch (RuntimeException e) {
                    log.warn("shadow: cannot sample a difference ({}): {}", d, e.toString());
                }
            });
        }
    }

    private static void keep(Period p, ObjectNode sample) {
        synchronized (p.samples) {
            if (p.samples.size() == SAMPLES_KEPT) {
                p.samples.removeFirst();
            }
            p.samples.addLast(sample);
        }
    }

    /** The report of the candidate in force: counts and differences, most frequent first, then the samples. */
    ObjectNode report() {
        Period p = period;
        ObjectNode root = JSON.createObjectNode();
        counts(root.putObject("compared"), p.compared);
        counts(root.putObject("skipped"), p.skipped);
        counts(root.putObject("errors"), p.errors);
        ArrayNode differences = root.putArray("differences");
        p.tallies.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Difference, Tally> e) -> -e.getValue().count.sum())
                        .thenComparing(e -> e.getKey().toString()))
                .forEach(e -> {
                    Difference d = e.getKey();
                    differences.addObject().put("kind", d.kind()).put("api", d.api()).put("layer", d.layer())
                            .put("live", d.live()).put("shadow", d.shadow()).put("reason", d.reason())
                            .put("count", e.getValue().count.sum());
                });
        ArrayNode samples = root.putArray("samples");
        synchronized (p.samples) {
            p.samples.forEach(samples::add);
        }
        root.put("samplesDropped", (long) dropped.count());
        return root;
    }

    private static void counts(ObjectNode node, Map<String, LongAdder> counts) {
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> node.put(e.getKey(), e.getValue().sum()));
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
