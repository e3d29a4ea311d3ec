package io.portcullis.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs every refused connection or request, by reason.
 *
 * <p>Design: one {@link LongAdder} per reason in a concurrent map; after the first refusal for a reason the
 * path is a map read and an uncontended add. The log line carries the reason, the rule that decided, the
 * operator detail and the peer, never request content or credentials. Clients see none of it.
 */
public final class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final Map<Reason, LongAdder> counts = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final java.util.List<RefusalListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told of every refusal after it is counted, for example to append it to the audit log. */
    @FunctionalInterface
    public interface RefusalListener {
        /** Called on an event loop: must not block. */
        void refused(Decision decision, SocketAddress peer);
    }

    /** Counts kept here only. */
    public Rejections() {
        this(null);
    }

    /**
     * Counts also exported as {@code portcullis.refusals} counters tagged {@code layer} and {@code reason}
     * (registered on a reason's first refusal).
     */
    public Rejections(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts and logs a refusal. */
    public void record(Decision decision, SocketAddress peer) {
        requireNonNull(decision, "decision");
        counts.computeIfAbsent(decision.reason(), this::newCounter).increment();
        log.warn("refused reason={} decidedBy='{}' peer={} detail='{}'", decision.reason(), decision.decidedBy(),
                peer, decision.detail());
        for (RefusalListener listener : listeners) {
            try {
                listener.refused(decision, peer);
            } catch (RuntimeException e) {
                log.error("refusal listener failed", e);
            }
        }
    }

    private LongAdder newCounter(Reason reason) {
        LongAdder adder = new LongAdder();
        if (registry != null) {
            FunctionCounter.builder("portcullis.refusals", adder, LongAdder::sum)
                    .description("Connections and requests the data plane refused")
                    .tag("layer", reason.layer().name().toLowerCase(java.util.Locale.ROOT))
                    .tag("reason", reason.code())
                    .register(registry);
        }
        return adder;
    }

    /** Adds a listener told of every later refusal. */
    public void addListener(RefusalListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /** How many refusals had this reason since start. */
    public long count(Reason reason) {
        LongAdder adder = counts.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** A copy of all counts, for metrics exporters. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> copy = new java.util.HashMap<>();
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }
}
