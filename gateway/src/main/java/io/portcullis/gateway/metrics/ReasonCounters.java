package io.portcullis.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.portcullis.decision.Reason;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The counters of one kind of decision (stage and verdict) by reason, registered on a reason's first use.
 *
 * <p>Design: reasons are constants, so the hot path compares references with the few reason instances seen so
 * far, held in a copy-on-write array (no hashing of the reason, no lock). An instance not in the array goes
 * through a concurrent map keyed by the reason's value, which makes equal instances share one counter; the
 * array keeps the first {@value #INSTANCES} instances, so reasons built per decision cannot grow it.
 */
final class ReasonCounters {

    static final int INSTANCES = 16;

    private record Entry(Reason reason, Counter counter) {}

    private final Map<Reason, Counter> byValue = new ConcurrentHashMap<>();
    private final Function<Reason, Counter> register;
    private volatile Entry[] byInstance = new Entry[0];

    /** Counters registered by {@code register} on a reason's first use. */
    ReasonCounters(Function<Reason, Counter> register) {
        this.register = register;
    }

    /** Counts one decision with this reason. */
    void increment(Reason reason) {
        for (Entry entry : byInstance) {
            if (entry.reason() == reason) {
                entry.counter().increment();
                return;
            }
        }
        counter(reason).increment();
    }

    private Counter counter(Reason reason) {
        Counter counter = byValue.computeIfAbsent(reason, register);
        synchronized (this) {
            Entry[] entries = byInstance;
            if (entries.length < INSTANCES) {
                for (Entry entry : entries) {
                    if (entry.reason() == reason) {
                        return counter;
                    }
                }
                Entry[] grown = Arrays.copyOf(entries, entries.length + 1);
                grown[entries.length] = new Entry(reason, counter);
                byInstance = grown;
            }
        }
        return counter;
    }
}
