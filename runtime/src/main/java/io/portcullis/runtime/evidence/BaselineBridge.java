package io.portcullis.runtime.evidence;

import static java.util.Objects.requireNonNull;

import io.portcullis.alerts.baseline.TrafficBaseline;
import io.portcullis.alerts.baseline.TrafficSample;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds finished requests to the unusual-traffic baseline ({@code alerts.unusualTraffic}): the event loop only
 * offers a small sample to a bounded queue (never waits; a full queue drops the sample and counts it), and one
 * daemon thread drains it into the {@link TrafficBaseline} and ticks it every few seconds, so a series that goes
 * silent is judged too. Assurance probes are left out.
 */
public final class BaselineBridge implements GatewayListener, AutoCloseable {

    private static final int CAPACITY = 65_536;
    private static final long TICK_MILLIS = 5_000;

    private final TrafficBaseline baseline;
    private final ArrayBlockingQueue<Timed> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** A sample with the time its request was received, so the baseline counts it in its own bucket. */
    private record Timed(TrafficSample sample, long timeMillis) {}

    public BaselineBridge(TrafficBaseline baseline) {
        this.baseline = requireNonNull(baseline, "baseline");
        this.thread = new Thread(this::drain, "portcullis-baseline");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onRequest(RequestEvent e) {
        if (e.probe()) {
            return;
        }
        String principal = e.authorization() == null ? "" : e.authorization().principal();
        String denied = e.decision().allowed() ? "" : e.decision().layer().name().toLowerCase(Locale.ROOT);
        if (!queue.offer(new Timed(new TrafficSample(e.api(), principal, e.route() == null ? "" : e.route(), e.method(),
                denied), e.time().toEpochMilli()))) {
            dropped.incrementAndGet();
        }
    }

    /** Samples dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        long nextTick = 0;
        while (running) {
            try {
                Timed t = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (t != null) {
                    baseline.observe(t.sample(), t.timeMillis());
                }
                long now = System.nanoTime();
                // The clock's tick only once what is queued is counted: a tick ahead of queued samples would count
                // them in a later bucket and judge a principal's first calls as new after its watch had begun.
                if (queue.isEmpty() && now - nextTick >= 0) {
                    baseline.tick();
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BaselineBridge.class).error("unusual-traffic baseline failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
