package io.portcullis.gateway.observe;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the application's {@link GatewayListener} from the pipeline so that a failing listener can never break
 * a connection or request: an exception is counted in {@code portcullis.listener.errors{callback}} and logged at
 * most once a second (a listener failing on every request must not turn the log into the bottleneck), and an
 * {@link GatewayListener#admitting()} that throws counts as not admitting (fail closed). Shared by all event
 * loops; no locks.
 */
public final class SafeListener {

    private static final Logger log = LoggerFactory.getLogger(SafeListener.class);
    private static final long LOG_EVERY_NANOS = 1_000_000_000L;

    private final GatewayListener listener;
    private final Counter connectionErrors;
    private final Counter requestErrors;
    private final Counter admittingErrors;
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

    public SafeListener(GatewayListener listener, MeterRegistry registry) {
        this.listener = requireNonNull(listener, "listener");
        this.connectionErrors = errors(registry, "onConnection");
        this.requestErrors = errors(registry, "onRequest");
        this.admittingErrors = errors(registry, "admitting");
    }

    private static Counter errors(MeterRegistry registry, String callback) {
        return Counter.builder("portcullis.listener.errors").description("Exceptions thrown by gateway listeners")
                .tag("callback", callback).register(registry);
    }

    /** Whether anyone listens: when not, callers skip building events ({@link GatewayListener#listening}). */
    public boolean listening() {
        return listener.listening();
    }

    public void connection(ConnectionEvent event) {
        try {
            listener.onConnection(event);
        } catch (RuntimeException e) {
            failed(connectionErrors, "onConnection", e);
        }
    }

    public void request(RequestEvent event) {
        try {
            listener.onRequest(event);
        } catch (RuntimeException e) {
            failed(requestErrors, "onRequest", e);
        }
    }

    /** Whether the listener admits; {@code false} when it throws. */
    public boolean admitting() {
        try {
            return listener.admitting();
        } catch (RuntimeException e) {
            failed(admittingErrors, "admitting", e);
            return false;
        }
    }

    private void failed(Counter counter, String callback, RuntimeException e) {
        counter.increment();
        long now = System.nanoTime();
        long next = nextLog.get();
        if (now - next >= 0 && nextLog.compareAndSet(next, now + LOG_EVERY_NANOS)) {
            log.error("gateway listener failed in {} (logged at most once a second)", callback, e);
        }
    }
}
