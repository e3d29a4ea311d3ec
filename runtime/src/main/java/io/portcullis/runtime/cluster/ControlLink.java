package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import io.portcullis.runtime.Node;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that serves its control plane's plan ({@code portcullis run --control URL}): the current version fetched
 * and cached ({@link PlanCache}), the node started on it (its configuration path is the cache's {@code current}
 * directory, then the node's own files), and three control threads, none of them an event loop: the
 * {@link PlanFollower} (long poll; a new version applied by {@link Node#reload()}), the {@link Heartbeats} and the
 * {@link CheckpointPublisher}.
 *
 * <p>When the control plane or its database cannot answer at start, the node starts from the cached plan; with no
 * cache it refuses to start, saying so. A version the node refuses (it does not compile here, or change control
 * refuses it) is not applied: the last good plan keeps serving, the refusal is logged, counted and shown on
 * {@code /readyz}, and the version is not tried again.
 */
public final class ControlLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlLink.class);

    private final Node node;
    private final PlanFollower follower;
    private final Heartbeats beats;
    private final ScheduledExecutorService scheduler;

    private ControlLink(Node node, PlanFollower follower, Heartbeats beats, ScheduledExecutorService scheduler) {
        this.node = node;
        this.follower = follower;
        this.beats = beats;
        this.scheduler = scheduler;
    }

    public static Builder builder(URI control, String nodeId, Path cache) {
        return new Builder(control, nodeId, cache);
    }

    /** The node serving the control plane's plan. */
    public Node node() {
        return node;
    }

    /**
     * Reports the node's web console at {@code address} in its heartbeats, so that the control plane's console can
     * relay to it (over mTLS: an {@code https} address only).
     */
    public void console(URI address) {
        if (!"https".equals(address.getScheme())) {
            throw new IllegalArgumentException("console: " + address + " (expected: an https address: the control plane "
                    + "connects to a node's console only over TLS)");
        }
        beats.console(address);
    }

    @Override
    public void close() {
        follower.close();
        scheduler.shutdownNow();
        node.close();
    }

    public static final class Builder {
        private final URI control;
        private final String nodeId;
        private final Path cache;
        private ControlCredentials credentials = ControlCredentials.none();
        private List<Path> local = List.of();
        private Clock clock = Clock.systemUTC();
        private Duration heartbeat = Duration.ofSeconds(5);
        private Duration checkpoints = Duration.ofSeconds(2);

        private Builder(URI control, String nodeId, Path cache) {
            this.control = requireNonNull(control, "control");
            this.nodeId = requireNonNull(nodeId, "nodeId");
            this.cache = requireNonNull(cache, "cache");
            if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                throw new IllegalArgumentException("node-id: '" + nodeId + "' (expected: 1 to 63 letters, digits, "
                        + "'.', '_' or '-', starting with a letter or digit)");
            }
        }

        public Builder credentials(ControlCredentials credentials) {
            this.credentials = requireNonNull(credentials, "credentials");
            return this;
        }

        /** The node's own configuration files (its node sections: admin, audit, access log), merged after the plan. */
        public Builder local(List<Path> local) {
            this.local = List.copyOf(local);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** How often the node reports to the control plane; 5 s by default (the control plane's liveness is 3×). */
        public Builder heartbeat(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("heartbeat: " + every + " (expected: > 0)");
            }
            this.heartbeat = every;
            return this;
        }

        /**
         * Fetches (or reads from the cache) the plan, starts the node on it and starts following the control plane.
         *
         * @throws Node.NodeStartException with every reason the node cannot serve, among them no cache while the
         *         control plane cannot be reached
         */
        public ControlLink start() throws IOException {
            ControlClient client = new ControlClient(control, credentials);
            LinkState state = new LinkState(client.base().toString(), clock);
            PlanCache plans = PlanCache.open(cache);
            Optional<PlanCache.Entry> good = plans.good();
            PlanCache.Entry fetched = null;
            String unreachable = null;
            long skipped = 0; // a current version refused before: the follower waits for a newer one
            try {
                Optional<ControlClient.Promoted> current = client.current(0, Duration.ZERO);
                state.answered();
                if (current.isPresent() && plans.wasRefused(current.get().version(), current.get().digest())) {
                    skipped = current.get().version();
                }
                if (current.isPresent() && skipped == 0
                        && (good.isEmpty() || good.get().version() != current.get().version())) {
                    fetched = plans.write(current.get());
                } else if (current.isPresent() && good.isEmpty()) {
                    unreachable = "its current version " + current.get().version() + " was refused by this node before";
                }
            } catch (ControlClient.ControlException e) {
                state.unanswered();
                unreachable = e.status() == 404 ? "nothing was ever promoted on it" : e.getMessage();
            } catch (IOException e) {
                state.unanswered();
                unreachable = "it cannot be reached (" + e + ")";
            } catch (IllegalArgumentException e) { // a bundle the cache cannot hold (a file name outside it)
                unreachable = "its current version cannot be cached: " + e.getMessage();
            }
            if (fetched == null && good.isEmpty()) {
                throw new Node.NodeStartException(List.of("control: no plan to serve: the cache " + plans.root()
                        + " holds none and the control plane " + client.base() + " gives none: " + unreachable
                        + " (expected: a control plane with a promoted version, or the cache of an earlier run)"));
            }
            if (unreachable != null) {
                log.warn("control: the control plane {} gives no plan ({}); serving the cached version {} ({})",
                        client.base(), unreachable, good.get().version(), good.get().digest());
            }
            Node node = startNode(plans, fetched, good, state);
            state.bind(node.registry());
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "portcullis-control");
                t.setDaemon(true);
                return t;
            });
            Instant startedAt = clock.instant();
            Heartbeats beats = new Heartbeats(client, nodeId, node, state, startedAt);
            scheduler.scheduleWithFixedDelay(beats::send, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            CheckpointPublisher publisher = new CheckpointPublisher(client, nodeId, node, state);
            scheduler.scheduleWithFixedDelay(publisher::publish, checkpoints.toMillis(), checkpoints.toMillis(),
                    TimeUnit.MILLISECONDS);
            long seen = Math.max(skipped, state.status().version());
            if (fetched != null && state.status().version() != fetched.version()) {
                seen = Math.max(seen, fetched.version()); // refused at start: not tried again
            }
            PlanFollower follower = new PlanFollower(client, plans, node, state, seen);
            follower.start();
            return new ControlLink(node, follower, beats, scheduler);
        }

        /**
         * Starts the node on {@code fetched} (when there is one) and falls back to the cached good version when the
         * node cannot serve it; the version served is recorded in {@code state}.
         */
        private Node startNode(PlanCache plans, PlanCache.Entry fetched, Optional<PlanCache.Entry> good,
                               LinkState state) throws IOException {
            if (fetched != null) {
                plans.serve(fetched);
                try {
                    Node node = build(plans, state).build().start();
                    plans.applied(fetched);
                    state.serving(fetched.version(), fetched.digest());
                    return node;
                } catch (Node.NodeStartException e) {
                    if (good.isEmpty()) {
                        throw e;
                    }
                    e.problems().forEach(p -> log.error("control: version {} refused: {}", fetched.version(), p));
                    plans.refused(fetched);
                    plans.serve(good.get());
                    state.refused(refusal(fetched, e.problems().size()));
                }
            }
            Node node = build(plans, state).build().start();
            state.serving(good.get().version(), good.get().digest());
            return node;
        }

        private Node.Builder build(PlanCache plans, LinkState state) {
            List<Path> paths = new ArrayList<>();
            paths.add(plans.current());
            paths.addAll(local);
            // one name for the node everywhere: at the control plane and among the nodes sharing Redis
            return Node.builder(paths).clock(clock).control(state::status).nodeId(nodeId);
        }
    }

    /** How a refused version is reported where the problems themselves are not shown. */
    static String refusal(PlanCache.Entry entry, int problems) {
        return "version " + entry.version() + " (" + entry.digest() + "), " + problems
                + (problems == 1 ? " problem" : " problems") + " (see the node's log); the last good plan serves";
    }
}
