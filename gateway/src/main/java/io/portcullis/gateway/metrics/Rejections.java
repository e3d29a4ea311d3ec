package io.portcullis.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
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

    /** Counts and logs a refusal. */
    public void record(Decision decision, SocketAddress peer) {
        requireNonNull(decision, "decision");
        counts.computeIfAbsent(decision.reason(), r -> new LongAdder()).increment();
        log.warn("refused reason={} decidedBy='{}' peer={} detail='{}'", decision.reason(), decision.decidedBy(),
                peer, decision.detail());
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
