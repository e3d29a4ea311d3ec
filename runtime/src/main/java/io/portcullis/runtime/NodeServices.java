package io.portcullis.runtime;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.alerts.AlertEvent;
import io.portcullis.alerts.Alerts;
import io.portcullis.alerts.baseline.BaselineSettings;
import io.portcullis.alerts.baseline.TrafficBaseline;
import io.portcullis.audit.AuditAlert;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.FailurePolicy;
import io.portcullis.audit.Retention;
import io.portcullis.config.node.AccessLogConfig;
import io.portcullis.config.node.AdminConfig;
import io.portcullis.config.node.AuditConfig;
import io.portcullis.config.node.AutoBlockConfig;
import io.portcullis.config.node.NodeConfig;
import io.portcullis.feeds.FeedListener;
import io.portcullis.feeds.FeedRefresher;
import io.portcullis.feeds.FeedSpec;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.runtime.autoblock.AutoBlocker;
import io.portcullis.runtime.autoblock.BlockSharing;
import io.portcullis.runtime.evidence.AccessLogWriter;
import io.portcullis.runtime.evidence.AdminServer;
import io.portcullis.runtime.evidence.AlertBridge;
import io.portcullis.runtime.evidence.AuditRecorder;
import io.portcullis.runtime.evidence.BaselineBridge;
import io.portcullis.runtime.geo.GeoRefresher;
import io.portcullis.runtime.plan.NodePlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of a plan's node sections ({@code audit}, {@code accessLog}, {@code admin}, {@code alerts},
 * {@code threatFeeds}, {@code autoBlock}), started together and closed in reverse order.
 *
 * <p>A reload {@linkplain #prepare prepares} the sections that changed before the gateway swaps (a new admin
 * listener is bound, a new access log opened, new alert rules built), then commits them after the swap or aborts
 * them if the swap failed, so a refused reload changes nothing. The audit log is the exception: it is never
 * swapped under traffic, so a reload that changes the {@code audit} section is refused with the fields that
 * changed. The gateway sees one listener whose members are replaced at commit.
 */
final class NodeServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeServices.class);

    /** What a reload changes in the node sections: applied with {@code commit} after the swap, or undone. */
    record Change(Runnable commit, Runnable abort) {}

    private final PrometheusMeterRegistry registry;
    private final InMemoryBlocklist blocklist;
    private final Function<String, Collection<InetAddress>> addresses;
    private final AdminServer.Status status;
    private final Clock clock;
    private final BlockSharing sharing;
    private final NodeListener listener = new NodeListener();
    private final List<AutoCloseable> auditParts = new ArrayList<>();
    private NodePlan plan;
    private AuditLog audit;
    private volatile Alerts alerts;
    private volatile AdminServer admin;
    /** The console served on the admin listener ({@code console} without {@code listen}), or null. */
    private volatile HttpHandler adminConsole;
    /** Held while the admin listener in force is replaced or the console is mounted on it: neither misses the other. */
    private final Object adminSwap = new Object();
    private AccessLogWriter accessLog;
    private FeedRefresher feeds;
    private volatile AutoBlocker autoBlock;
    private GeoRefresher geo;
    private BaselineBridge baseline;

    private NodeServices(NodePlan plan, PrometheusMeterRegistry registry, InMemoryBlocklist blocklist,
                         Function<String, Collection<InetAddress>> addresses, AdminServer.Status status, Clock clock,
                         BlockSharing sharing) {
        this.sharing = sharing;
        this.status = status;
        this.plan = plan;
        this.registry = registry;
        this.blocklist = blocklist;
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * Starts every configured service; on failure closes what it started and throws with the configuration path.
     *
     * @param addresses the addresses a blocking key covers now (for auto-block)
     * @param status what the admin endpoints report (this adds the audit log's readiness)
     * @param sharing where auto-blocks are told to the other nodes of a cluster
     */
    static NodeServices start(NodePlan plan, PrometheusMeterRegistry registry, InMemoryBlocklist blocklist,
                              Function<String, Collection<InetAddress>> addresses, AdminServer.Status status,
                              Clock clock, BlockSharing sharing) {
        NodeServices s = new NodeServices(plan, registry, blocklist, addresses, status, clock, sharing);
        NodeConfig config = plan.config();
        try {
            s.alerts = s.alerts(plan).orElse(null);
            s.baseline = s.baseline(config);
            config.audit().ifPresent(s::openAudit);
            s.feeds = s.feeds(plan.feeds());
            s.accessLog = config.accessLog().map(NodeServices::accessLog).orElse(null);
            s.autoBlock = config.autoBlock().map(s::autoBlocker).orElse(null);
            s.admin = config.admin().map(s::admin).orElse(null);
            s.geo = GeoRefresher.start(plan.geo(), registry);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        s.listener.use(s.members());
        return s;
    }

    /**
     * Prepares the node sections of {@code next} that differ from those in force, without changing what serves.
     *
     * @throws IllegalStateException with the configuration path and reason when they cannot be applied while
     *         the node runs (a changed {@code audit} section, an admin address that cannot be bound, ...)
     */
    Change prepare(NodePlan next) {
        NodeConfig was = plan.config();
        NodeConfig now = next.config();
        if (!Objects.equals(was.audit(), now.audit())) {
            throw new IllegalStateException("audit: " + auditChange(was.audit(), now.audit()) + " cannot change while "
                    + "the node runs: the audit log in force is never swapped under traffic (expected: the audit "
                    + "section in force; restart the node to apply a new one)");
        }
        List<Runnable> commits = new ArrayList<>();
        List<Runnable> aborts = new ArrayList<>();
        List<String> applied = new ArrayList<>(); // the sections that changed, for the log line
        try {
            if (!Objects.equals(was.admin(), now.admin())) {
                applied.add("admin");
                AdminServer fresh = now.admin().map(this::admin).orElse(null);
                aborts.add(() -> closeQuietly(fresh));
                commits.add(() -> {
                    synchronized (adminSwap) {
                        closeQuietly(admin);
                        admin = fresh;
                        HttpHandler console = adminConsole; // mounted after fresh was bound, on the listener it replaces
                        if (fresh != null && console != null) {
                            fresh.mount(console);
                        }
                    }
                });
            }
            if (!Objects.equals(was.accessLog(), now.accessLog())) {
                applied.add("accessLog");
                AccessLogWriter fresh = now.accessLog().map(NodeServices::accessLog).orElse(null);
                aborts.add(() -> closeQuietly(fresh));
                commits.add(() -> {
                    closeQuietly(accessLog);
                    accessLog = fresh;
                });
            }
            if (!Objects.equals(was.alerts(), now.alerts())) {
                applied.add("alerts");
                Alerts fresh = alerts(next).orElse(null);
                aborts.add(() -> closeQuietly(fresh));
                commits.add(() -> {
                    closeQuietly(alerts);
                    alerts = fresh;
                    closeQuietly(baseline); // a changed alerts section starts its baseline afresh
                    baseline = baseline(now);
                });
            }
        } catch (RuntimeException e) {
            aborts.forEach(Runnable::run);
            throw e;
        }
        if (!Objects.equals(was.console(), now.console())) {
            // The console (module console) is started beside the node with the plan it started with.
            log.warn("reload: the console section changed; the console keeps its listener and sign-in until the "
                    + "node restarts (its views read the new plan now)");
        }
        if (!Objects.equals(was.threatFeeds(), now.threatFeeds())) {
            applied.add("threatFeeds");
            commits.add(() -> {
                closeQuietly(feeds);
                was.threatFeeds().forEach(f -> blocklist.replaceSource(f.name(), List.of())); // the new ones reload
                feeds = feeds(next.feeds());
            });
        }
        if (!Objects.equals(was.autoBlock(), now.autoBlock())) {
            applied.add("autoBlock");
            commits.add(() -> {
                closeQuietly(autoBlock); // lifts its blocks: the new counting starts afresh
                autoBlock = now.autoBlock().map(this::autoBlocker).orElse(null);
            });
        }
        return new Change(() -> {
            commits.forEach(Runnable::run);
            geo.use(next.geo()); // every plan opens its databases afresh: a reload also picks up new files
            plan = next;
            listener.use(members());
            if (!applied.isEmpty()) {
                log.info("reload: node sections applied {}", applied);
            }
        }, () -> aborts.forEach(Runnable::run));
    }

    private static String auditChange(Optional<AuditConfig> was, Optional<AuditConfig> now) {
        if (was.isEmpty()) {
            return "the section (added)";
        }
        if (now.isEmpty()) {
            return "the section (removed)";
        }
        List<String> fields = new ArrayList<>();
        for (var component : AuditConfig.class.getRecordComponents()) {
            try {
                if (!Objects.equals(component.getAccessor().invoke(was.get()), component.getAccessor().invoke(now.get()))) {
                    fields.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(", ", fields);
    }

    /** The listeners in force, in a fixed order: evidence first. */
    private List<GatewayListener> members() {
        List<GatewayListener> out = new ArrayList<>();
        if (audit != null) {
            out.add(new AuditRecorder(audit));
        }
        if (alerts != null) {
            out.add(new AlertBridge(alerts, clock));
        }
        if (baseline != null) {
            out.add(baseline);
        }
        if (accessLog != null) {
            out.add(accessLog);
        }
        if (autoBlock != null) {
            out.add(autoBlock);
        }
        return out;
    }

    private AutoBlocker autoBlocker(AutoBlockConfig c) {
        return new AutoBlocker(c, blocklist, addresses, (m, k) -> { }, clock, sharing);
    }

    private AdminServer admin(AdminConfig a) {
        try {
            AdminServer server = new AdminServer(new InetSocketAddress(a.host(), a.port()), registry,
                    status.withNotReady(this::notReady));
            HttpHandler console = adminConsole;
            if (console != null) {
                server.mount(console); // a new admin listener (a reload moved it) serves the console too
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("admin.listen: cannot listen on " + a.host() + ":" + a.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Why the node is not ready (the audit log not taking records, or the node's own reason), or null. */
    String notReady() {
        AuditLog log = audit;
        return log != null && !log.admitting() ? "the audit log is not taking records" : status.notReady();
    }

    private static AccessLogWriter accessLog(AccessLogConfig a) {
        try {
            return new AccessLogWriter(a.path().orElse(null), a.recordQuery());
        } catch (RuntimeException e) {
            throw new IllegalStateException("accessLog.path: cannot open " + a.path().orElse(null) + ": " + e.getMessage(), e);
        }
    }

    private void openAudit(AuditConfig a) {
        AuditSettings.Builder b = AuditSettings.builder(a.dir(), a.signingKey())
                .failurePolicy(a.failClosed() ? FailurePolicy.FAIL_CLOSED : FailurePolicy.FAIL_OPEN)
                .redactQuery(!a.recordQuery())
                .retention(new Retention(a.retentionAge().orElse(Duration.ZERO), a.retentionBytes().orElse(0)))
                .listener(alert -> {
                    log.warn("audit alert {}: {}", alert.type(), alert.detail());
                    Alerts to = alerts;
                    if (to != null && (alert.type() == AuditAlert.Type.WRITE_FAILED
                            || alert.type() == AuditAlert.Type.QUEUE_FULL || alert.type() == AuditAlert.Type.TORN_TAIL)) {
                        to.submit(AlertEvent.auditFailure(clock.millis(), "audit", alert.type() + ": " + alert.detail()));
                    }
                })
                .clock(clock);
        a.checkpointInterval().ifPresent(b::checkpointInterval);
        a.fsyncInterval().ifPresent(b::fsyncInterval);
        try {
            audit = AuditLog.open(b.build());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("audit: cannot open the log in " + a.dir() + " with key " + a.signingKey()
                    + ": " + e.getMessage(), e);
        }
        auditParts.add(audit);
        AuditLog opened = audit;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portcullis-audit-lag");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            Alerts to = alerts;
            if (to != null) {
                to.submit(AlertEvent.auditLag(clock.millis(), "audit", opened.queued()));
            }
        }, 1, 1, TimeUnit.SECONDS);
        auditParts.add(sampler::shutdownNow);
        Gauge.builder("portcullis.audit.queued", audit, AuditLog::queued)
                .description("audit records waiting to be written (audit lag)").register(registry);
        Gauge.builder("portcullis.audit.durable.records", audit, AuditLog::durableSize)
                .description("audit records made durable").register(registry);
        Gauge.builder("portcullis.audit.dropped", audit, AuditLog::dropped)
                .description("audit records dropped (fail-open only)").register(registry);
    }

    private Optional<Alerts> alerts(NodePlan p) {
        if (p.config().alerts().isEmpty()) {
            return Optional.empty();
        }
        Alerts.Builder b = Alerts.builder().rules(p.alertRules());
        p.webhook().ifPresent(b::webhook);
        return Optional.of(b.build());
    }

    /** The unusual-traffic baseline when {@code alerts.unusualTraffic} is on; its alerts go to the alerting in force. */
    private BaselineBridge baseline(NodeConfig config) {
        if (config.alerts().map(a -> !a.unusualTraffic()).orElse(true)) {
            return null;
        }
        return new BaselineBridge(new TrafficBaseline(BaselineSettings.DEFAULTS, clock, alert -> {
            Alerts to = alerts;
            if (to != null) {
                to.raise(alert);
            }
        }));
    }

    private FeedRefresher feeds(List<FeedSpec> specs) {
        sharing.feedsInForce(specs.stream().map(FeedSpec::name).collect(java.util.stream.Collectors.toSet()));
        if (specs.isEmpty()) {
            return null;
        }
        FeedRefresher refresher = FeedRefresher.builder((feed, cidrs) -> {
            List<Cidr> parsed = cidrs.stream().map(Cidr::parse).toList();
            blocklist.replaceSource(feed, parsed);
            sharing.feedFetched(feed, parsed);
            log.info("threat feed {}: {} prefixes in force", feed, parsed.size());
        }).listener(new FeedListener() {
            @Override
            public void onFailure(String feed, String reason) {
                log.warn("threat feed {}: refresh failed, the previous list stays in force: {}", feed, reason);
                Alerts to = alerts;
                if (to != null) {
                    to.submit(AlertEvent.feedFailure(clock.millis(), feed, reason));
                }
            }
        }).feeds(specs).clock(clock).build();
        refresher.startAndAwaitFirstLoad(); // serve with the lists in force; a failed feed alerts and retries
        return refresher;
    }

    GatewayListener listener() {
        return listener;
    }

    AuditLog audit() {
        return audit;
    }

    /** The keys auto-block holds now ({@code address:A}, {@code workload:ID}, ...); empty without {@code autoBlock}. */
    java.util.Set<String> autoBlocked() {
        AutoBlocker a = autoBlock;
        return a == null ? java.util.Set.of() : a.blocked();
    }

    /** The alerting in force, or null without an {@code alerts} section. */
    Alerts alerts() {
        return alerts;
    }

    InetSocketAddress adminAddress() {
        AdminServer a = admin;
        return a == null ? null : a.address();
    }

    /**
     * Serves {@code console} on the admin listener, now and on every admin listener a reload opens.
     *
     * @throws IllegalStateException when the node has no admin listener
     */
    void mountOnAdmin(HttpHandler console) {
        synchronized (adminSwap) {
            adminConsole = console;
            AdminServer a = admin;
            if (a == null) {
                throw new IllegalStateException("console.listen: missing, and the node has no admin listener to serve "
                        + "the console on (expected: console.listen, or admin.listen)");
            }
            a.mount(console);
        }
    }

    /** Reopens the access log file by its path (after log rotation renamed it); asked on every reload. */
    void reopenLogs() {
        if (accessLog != null) {
            accessLog.reopen();
        }
    }

    @Override
    public void close() {
        listener.use(List.of());
        closeQuietly(geo);
        closeQuietly(admin);
        closeQuietly(autoBlock);
        closeQuietly(accessLog);
        closeQuietly(baseline);
        closeQuietly(feeds);
        for (int i = auditParts.size() - 1; i >= 0; i--) {
            closeQuietly(auditParts.get(i));
        }
        auditParts.clear();
        closeQuietly(alerts);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing {}: {}", closeable, e.toString());
        }
    }

    /**
     * The one listener the gateway is given: the node's members, replaced whole at each reload's commit (a
     * volatile read per call). With no member it is not {@linkplain #listening() listening}, so the gateway
     * builds no events.
     */
    private static final class NodeListener implements GatewayListener {
        private volatile GatewayListener members = GatewayListener.NONE;

        void use(List<GatewayListener> list) {
            members = GatewayListener.composite(list);
        }

        @Override
        public void onConnection(io.portcullis.gateway.observe.ConnectionEvent event) {
            members.onConnection(event);
        }

        @Override
        public void onRequest(io.portcullis.gateway.observe.RequestEvent event) {
            members.onRequest(event);
        }

        @Override
        public boolean listening() {
            return members.listening();
        }

        @Override
        public boolean admitting() {
            return members.admitting();
        }
    }
}
