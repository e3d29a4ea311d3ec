package io.portcullis.control.api;

import io.portcullis.control.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long polls of {@code GET /v1/current}: each waits, holding no thread, for a version above the one it has. A
 * promotion made here wakes the waiters at once; the database is also read every {@code pollEvery} so that
 * promotions made by another control-plane instance on the same database wake them too.
 *
 * <p>Concurrency: waiters sit in a lock-free queue; each is completed once (an atomic flag) by whichever comes first,
 * a newer version, its timeout on the one timer thread (which does nothing else), or its connection closing.
 */
public final class CurrentWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentWatch.class);

    /** A parked long poll; {@link #cancel} when its connection closes. */
    public final class Waiter {
        private final long after;
        private final Runnable changed;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Waiter(long after, Runnable changed) {
            this.after = after;
            this.changed = changed;
        }

        /** Forgets the waiter without answering. */
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                finish();
            }
        }

        private void fire(Runnable action) {
            if (done.compareAndSet(false, true)) {
                finish();
                action.run();
            }
        }

        private void finish() {
            waiters.remove(this);
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    private final AtomicLong known = new AtomicLong();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer = daemon("control-long-poll-timer");
    private final ScheduledExecutorService poller = daemon("control-current-watch");

    /**
     * Watches {@code current} (the current version in the database) every {@code pollEvery}, on a thread of its own:
     * a database that does not answer delays the polling, never a waiter's deadline.
     */
    public CurrentWatch(LongSupplier current, Duration pollEvery) {
        poller.scheduleWithFixedDelay(() -> {
            try {
                advanced(current.getAsLong());
            } catch (StoreUnavailableException e) {
                LOG.debug("current version not read: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("current version not read", e);
            }
        }, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Parks a poll for a version above {@code after}: {@code changed} runs once one is known, {@code timedOut} after
     * {@code wait} otherwise.
     */
    public Waiter await(long after, Duration wait, Runnable changed, Runnable timedOut) {
        Waiter w = new Waiter(after, changed);
        waiters.add(w);
        w.timeout = timer.schedule(() -> w.fire(timedOut), wait.toMillis(), TimeUnit.MILLISECONDS);
        if (known.get() > after) { // a promotion between the caller's read and the registration
            w.fire(changed);
        }
        return w;
    }

    /** Version {@code version} is current: every waiter below it is woken. */
    public void advanced(long version) {
        long now = known.accumulateAndGet(version, Math::max);
        for (Waiter w : waiters) {
            if (w.after < now) {
                w.fire(w.changed);
            }
        }
    }

    /** How many polls are parked. */
    public int waiting() {
        return waiters.size();
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        poller.shutdownNow();
        timer.shutdownNow();
    }
}
