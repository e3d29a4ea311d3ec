package io.portcullis.alerts;

import static java.util.Objects.requireNonNull;

import io.portcullis.alerts.internal.AlertEngine;
import io.portcullis.alerts.internal.Counters;
import io.portcullis.alerts.internal.EventBuffer;
import io.portcullis.alerts.internal.WebhookDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting: request threads {@link #submit} events; one alert thread applies the rules and delivers what fires
 * to the log, the {@link AlertSink}s and the webhook.
 *
 * <p>Design note. Submission is the only hot-path call: one CAS into a striped, bounded, lock-free ring
 * (see {@code EventBuffer}), no lock, no allocation, never a wait; a full ring drops the event and counts it.
 * The alert thread ({@code portcullis-alerts}) drains the rings, parking {@code drainInterval} when they are
 * empty, so alerts lag events by at most about that. All rule state (sliding windows, cooldowns, key maps) is
 * owned by that thread and needs no synchronization. Webhook delivery has its own thread and bounded queue, so
 * a slow webhook delays neither the rules nor the requests. Events are counted in their own time
 * ({@link AlertEvent#timeMillis()}), so tests drive windows with explicit times and never sleep.
 *
 * <pre>{@code
 * Alerts alerts = Alerts.builder().rules(rules).webhook(webhookSettings).build();
 * alerts.submit(AlertEvent.denial(clock.millis(), api, address, groups)); // from any thread
 * alerts.close();
 * }</pre>
 */
public final class Alerts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final EventBuffer<AlertEvent> buffer;
    private final Counters counters = new Counters();
    private final List<AlertSink> sinks;
    private final WebhookDelivery webhook;
    private final long drainIntervalNanos;
    private final ConcurrentLinkedQueue<Flush> flushes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Alert> raised = new ConcurrentLinkedQueue<>();
    private final Consumer<Alert> deliver = this::deliver;
    private final Thread thread;
    private volatile AlertEngine engine;
    private volatile boolean running = true;

    private record Flush(long target, CompletableFuture<Void> done) {}

    private Alerts(Builder b) {
        int stripes = Integer.highestOneBit(Math.min(64, 2 * Runtime.getRuntime().availableProcessors()) * 2 - 1);
        int perStripe = Math.max(64, Integer.highestOneBit(Math.max(1, b.bufferCapacity / stripes) * 2 - 1));
        this.buffer = new EventBuffer<>(stripes, perStripe);
        this.engine = new AlertEngine(withBuiltIns(b.rules), b.maxKeysPerRule, counters);
        this.sinks = List.copyOf(b.sinks);
        this.webhook = b.webhook == null ? null
                : new WebhookDelivery(b.webhook, b.deliveryListener, counters, new SplittableRandom());
        this.drainIntervalNanos = b.drainInterval.toNanos();
        this.thread = new Thread(this::loop, "portcullis-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hands an event to the rules. Cheap and safe from any thread, including Netty event loops: never blocks,
     * never throws for a full buffer. Returns false when the event was dropped (buffer full, or closed).
     */
    public boolean submit(AlertEvent event) {
        return running && buffer.offer(event);
    }

    /**
     * Delivers an alert decided elsewhere (an assurance run's finding, an unusual-traffic detector's) as the
     * rules' alerts are delivered: logged, given to the sinks, posted to the webhook, on the alert thread. Not for
     * the request path (it allocates a queue node); returns false when closed.
     */
    public boolean raise(Alert alert) {
        requireNonNull(alert, "alert");
        if (!running) {
            return false;
        }
        raised.add(alert);
        LockSupport.unpark(thread);
        return true;
    }

    /**
     * Completes when every event submitted before this call has met the rules (and what fired has been logged,
     * given to the sinks and queued for the webhook; webhook delivery itself may still be under way).
     */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushes.add(new Flush(buffer.accepted(), done));
        LockSupport.unpark(thread);
        if (!thread.isAlive()) {
            completeFlushes(true);
        }
        return done;
    }

    /**
     * Replaces the rules (on configuration reload). A rule with the same name, type and window keeps its counts,
     * keys and cooldowns, and a new threshold or cooldown applies to them at once; any other rule starts empty.
     */
    public synchronized void updateRules(List<AlertRule> rules) {
        engine = engine.withRules(withBuiltIns(Builder.checked(rules)));
    }

    public AlertStats stats() {
        return new AlertStats(buffer.accepted(), buffer.dropped(), buffer.consumed(), counters.fired(),
                counters.suppressed(), counters.evictedKeys(), counters.delivered(), counters.deliveryRetries(),
                counters.deliveryFailures(), counters.deliveryOverflow());
    }

    /** Keys the named rule is tracking now (diagnostics; exact after {@link #flush()}). */
    public int trackedKeys(String rule) {
        return engine.trackedKeys(rule);
    }

    /**
     * Stops taking events, applies those already submitted, then closes the webhook (first attempts already
     * queued still run; scheduled retries are dropped and logged).
     */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    private void loop() {
        while (running) {
            int n = drain();
            completeFlushes(false);
            if (n == 0) {
                LockSupport.parkNanos(this, drainIntervalNanos);
            }
        }
        drain();
        completeFlushes(true);
    }

    private int drain() {
        int raisedNow = 0;
        for (Alert a = raised.poll(); a != null; a = raised.poll()) {
            deliver(a);
            raisedNow++;
        }
        AlertEngine current = engine;
        return raisedNow + buffer.drain(event -> {
            try {
                current.process(event, deliver);
            } catch (RuntimeException e) {
                log.error("alert rule failed on an event: kind={}", event.kind(), e);
            }
        });
    }

    private void completeFlushes(boolean all) {
        long consumed = buffer.consumed();
        flushes.removeIf(f -> {
            if (all || f.target() <= consumed) {
                f.done().complete(null);
                return true;
            }
            return false;
        });
    }

    private void deliver(Alert a) {
        log.warn("alert fired: rule={} type={} key={} count={} threshold={} window={} firedAt={} detail={}", a.rule(),
                a.type(), a.key(), a.count(), a.threshold(), a.window(), a.firedAt(), a.detail());
        for (AlertSink sink : sinks) {
            try {
                sink.accept(a);
            } catch (RuntimeException e) {
                log.warn("alert sink failed: rule={}", a.rule(), e);
            }
        }
        if (webhook != null) {
            webhook.offer(a);
        }
    }

    /** Adds a pass-through rule (cooldown 1 min) for each operational failure type the rules do not cover. */
    private static List<AlertRule> withBuiltIns(List<AlertRule> rules) {
        List<AlertRule> all = new ArrayList<>(rules);
        for (RuleType type : List.of(RuleType.FEED_FAILURE, RuleType.AUDIT_FAILURE)) {
            if (rules.stream().noneMatch(r -> r.type() == type)
                    && rules.stream().noneMatch(r -> r.name().equals(type.configName()))) {
                all.add(AlertRule.passthrough(type, Duration.ofMinutes(1)));
            }
        }
        return all;
    }

    /**
     * Configures {@link Alerts}; {@link #build()} starts the alert thread. Defaults: no rules but the built-in
     * pass-through ones, no webhook, 10,000 keys per rule, a 16,384-event buffer, a 10 ms drain interval.
     */
    public static final class Builder {
        private List<AlertRule> rules = List.of();
        private WebhookSettings webhook;
        private final List<AlertSink> sinks = new ArrayList<>();
        private DeliveryListener deliveryListener = DeliveryListener.NONE;
        private int maxKeysPerRule = 10_000;
        private int bufferCapacity = 16_384;
        private Duration drainInterval = Duration.ofMillis(10);

        private Builder() {}

        /** The rules; names must be unique. */
        public Builder rules(List<AlertRule> v) { rules = checked(v); return this; }
        public Builder webhook(WebhookSettings v) { webhook = requireNonNull(v, "webhook"); return this; }
        public Builder webhook(Optional<WebhookSettings> v) { webhook = requireNonNull(v, "webhook").orElse(null); return this; }
        public Builder addSink(AlertSink v) { sinks.add(requireNonNull(v, "sink")); return this; }
        public Builder deliveryListener(DeliveryListener v) { deliveryListener = requireNonNull(v, "deliveryListener"); return this; }

        public Builder maxKeysPerRule(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxKeysPerRule: " + v + " (expected: >= 1)");
            }
            maxKeysPerRule = v;
            return this;
        }

        /** Events that may wait for the alert thread, over all stripes (rounded to powers of two). */
        public Builder bufferCapacity(int v) {
            if (v < 64 || v > 1 << 24) {
                throw new IllegalArgumentException("bufferCapacity: " + v + " (expected: 64..16777216)");
            }
            bufferCapacity = v;
            return this;
        }

        public Builder drainInterval(Duration v) {
            requireNonNull(v, "drainInterval");
            if (v.isNegative() || v.isZero() || v.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("drainInterval: " + v + " (expected: > 0 and <= PT1S)");
            }
            drainInterval = v;
            return this;
        }

        public Alerts build() {
            return new Alerts(this);
        }

        static List<AlertRule> checked(List<AlertRule> rules) {
            requireNonNull(rules, "rules");
            Set<String> names = new HashSet<>();
            for (AlertRule r : rules) {
                requireNonNull(r, "rule");
                if (!names.add(r.name())) {
                    throw new IllegalArgumentException("rules: '" + r.name() + "' twice (expected: unique names)");
                }
            }
            return List.copyOf(rules);
        }
    }
}
