package io.portcullis.runtime.cluster;

import io.portcullis.runtime.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the control plane's current version by long poll ({@code GET /v1/current?after=N&wait=S}) on its own
 * thread and applies each new one through the node's normal reload path: the version is written whole into the
 * cache, {@code current} switched to it, {@link Node#reload()} compiles and swaps it. A version the node refuses
 * is switched back out of {@code current}, recorded, and never tried again ({@code after} moves past it). A call
 * that fails is retried with a backoff from 250 ms doubling to 5 s, with jitter, so that a promotion after the
 * control plane comes back reaches the node within that.
 */
final class PlanFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlanFollower.class);
    static final Duration WAIT = Duration.ofSeconds(25);
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** How often to ask again while nothing was ever promoted (the control plane answers that at once). */
    private static final long NOTHING_PROMOTED_MS = 500;

    private final ControlClient client;
    private final PlanCache plans;
    private final Node node;
    private final LinkState state;
    private final Thread thread;
    private volatile boolean running = true;
    private long seen;

    PlanFollower(ControlClient client, PlanCache plans, Node node, LinkState state, long seen) {
        this.client = client;
        this.plans = plans;
        this.node = node;
        this.state = state;
        this.seen = seen;
        this.thread = new Thread(this::run, "portcullis-control-follow");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        while (running) {
            try {
                Optional<ControlClient.Promoted> next = client.current(seen, WAIT);
                answered();
                backoff = FIRST_BACKOFF_MS;
                if (next.isPresent() && next.get().version() > seen) {
                    apply(next.get());
                }
                continue;
            } catch (ControlClient.ControlException e) {
                if (e.status() == 404) {
                    answered();
                    sleep(NOTHING_PROMOTED_MS);
                    continue;
                }
                unanswered(e.getMessage());
            } catch (IOException e) {
                unanswered(e.toString());
            } catch (RuntimeException e) {
                log.error("control: following the control plane failed; trying again", e);
            }
            sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 5 + 1));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /** Caches, switches to and reloads {@code promoted}; switches back and records it when the node refuses it. */
    void apply(ControlClient.Promoted promoted) throws IOException {
        long started = System.nanoTime();
        seen = promoted.version();
        PlanCache.Entry entry;
        try {
            entry = plans.write(promoted);
        } catch (IllegalArgumentException e) {
            log.error("control: version {} ({}) not applied: {}", promoted.version(), promoted.digest(), e.getMessage());
            state.refused("version " + promoted.version() + " (" + promoted.digest() + "): " + e.getMessage());
            return;
        }
        Optional<PlanCache.Entry> good = plans.good();
        plans.serve(entry);
        long cached = System.nanoTime();
        Node.LoadResult result;
        try {
            result = node.reload();
        } catch (RuntimeException e) { // a bug, not a verdict on the plan: still never left in current
            log.error("control: version {} could not be reloaded", entry.version(), e);
            result = null;
        }
        if (result == null || !result.applied()) {
            refuse(entry, good, result == null ? List.of("the reload failed (see the error above)") : result.problems());
            return;
        }
        plans.applied(entry);
        state.serving(entry.version(), entry.digest());
        log.info("control: version {} ({}) applied (cached in {} ms, reloaded in {} ms), promoted by {} at {}",
                entry.version(), entry.digest(), (cached - started) / 1_000_000,
                (System.nanoTime() - cached) / 1_000_000, promoted.promotedBy(), promoted.promotedAt());
    }

    /** Logs every problem, points {@code current} back at the last good version and records the refusal. */
    private void refuse(PlanCache.Entry entry, Optional<PlanCache.Entry> good, List<String> problems) throws IOException {
        problems.forEach(p -> log.error("control: version {} refused: {}", entry.version(), p));
        plans.refused(entry);
        if (good.isPresent()) {
            plans.serve(good.get());
        }
        state.refused(ControlLink.refusal(entry, problems.size()));
    }

    private void answered() {
        if (!state.status().connected()) {
            log.info("control: connected to {}", state.status().control());
        }
        state.answered();
    }

    private void unanswered(String why) {
        if (state.unanswered()) {
            log.warn("control: lost the control plane {} ({}); serving version {} and retrying",
                    state.status().control(), why, state.status().version());
        } else {
            log.debug("control: still no answer from {}: {}", state.status().control(), why);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
