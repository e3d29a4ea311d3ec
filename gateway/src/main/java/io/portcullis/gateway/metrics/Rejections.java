package io.portcullis.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
import io.portcullis.time.Ticker;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs every refused connection or request, by reason; the log is rate-limited, the counts are not.
 *
 * <p>Design: one entry per reason in a concurrent map; after the first refusal for a reason the path is a map read
 * and an uncontended add. The log line carries the reason, the rule that decided, the operator detail and the peer,
 * never request content or credentials; clients see none of it. At most {@link #LINES_PER_SECOND} lines a second
 * are written per reason: the refusals are made on event loops, and a flood of them (a connect flood from an
 * unadmitted address wrote 37 MB in 15 s, and stalled every connection when the log was a slow pipe) must not
 * turn the log into the bottleneck or the disk into the target. The next line written for a reason says how many
 * were left out since, and {@code portcullis.refusals.unlogged{layer, reason}} counts them. Writing itself is
 * asynchronous in the node's log configuration (logback's {@code AsyncAppender}, dropping rather than blocking).
 */
public final class Rejections {

    /** The meter counting refusals per layer and reason ({@code portcullis_refusals_total}). */
    public static final String METER = "portcullis.refusals";

    /** Log lines per reason and second, at most. */
    public static final int LINES_PER_SECOND = 20;
    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final Map<Reason, PerReason> reasons = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Ticker ticker;
    private final java.util.List<RefusalListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told of every refusal after it is counted, for example to append it to the audit log. */
    @FunctionalInterface
    public interface RefusalListener {
        /** Called on an event loop: must not block. */
        void refused(Decision decision, SocketAddress peer);
    }

    /** The count of one reason and its log budget. */
    private static final class PerReason {
        final LongAdder count = new LongAdder();
        final LogBudget log;

        PerReason(long now) {
            log = new LogBudget(LINES_PER_SECOND, now);
        }
    }

    /** Counts kept here only. */
    public Rejections() {
        this(null);
    }

    /**
     * Counts also exported as {@code portcullis.refusals} counters tagged {@code layer} and {@code reason}
     * (registered on a reason's first refusal), with {@code portcullis.refusals.unlogged} beside each.
     */
    public Rejections(MeterRegistry registry) {
        this(registry, Ticker.system());
    }

    /** As {@link #Rejections(MeterRegistry)}, with the log budgets' seconds read from {@code ticker}. */
    public Rejections(MeterRegistry registry, Ticker ticker) {
        this.registry = registry;
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /** Counts a refusal and logs it unless its reason's log budget for this second is spent. */
    public void record(Decision decision, SocketAddress peer) {
        requireNonNull(decision, "decision");
        PerReason reason = reasons.computeIfAbsent(decision.reason(), this::register);
        reason.count.increment();
        if (log.isWarnEnabled() && reason.log.mayLog(ticker.read())) {
            long left = reason.log.takeLeftOut();
            if (left == 0) {
                log.warn("refused reason={} decidedBy='{}' peer={} detail='{}'", decision.reason(),
                        decision.decidedBy(), peer, decision.detail());
            } else {
                log.warn("refused reason={} decidedBy='{}' peer={} detail='{}' ({} more with this reason not logged)",
                        decision.reason(), decision.decidedBy(), peer, decision.detail(), left);
            }
        }
        for (RefusalListener listener : listeners) {
            try {
                listener.refused(decision, peer);
            } catch (RuntimeException e) {
                log.error("refusal listener failed", e);
            }
        }
    }

    private PerReason register(Reason reason) {
        PerReason entry = new PerReason(ticker.read());
        if (registry != null) {
            String layer = reason.layer().name().toLowerCase(Locale.ROOT);
            FunctionCounter.builder(METER, entry.count, LongAdder::sum)
                    .description("Connections and requests the data plane refused")
                    .tag("layer", layer).tag("reason", reason.code()).register(registry);
            FunctionCounter.builder("portcullis.refusals.unlogged", entry.log, LogBudget::unlogged)
                    .description("Refusals counted but not logged (over the per-reason log budget)")
                    .tag("layer", layer).tag("reason", reason.code()).register(registry);
        }
        return entry;
    }

    /** Adds a listener told of every later refusal. */
    public void addListener(RefusalListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /** How many refusals had this reason since start. */
    public long count(Reason reason) {
        PerReason entry = reasons.get(reason);
        return entry == null ? 0 : entry.count.sum();
    }

    /** How many refusals with this reason were counted but not logged, since start. */
    public long unlogged(Reason reason) {
        PerReason entry = reasons.get(reason);
        return entry == null ? 0 : entry.log.unlogged();
    }

    /** A copy of all counts, for metrics exporters. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> copy = new java.util.HashMap<>();
        reasons.forEach((reason, entry) -> copy.put(reason, entry.count.sum()));
        return copy;
    }
}
