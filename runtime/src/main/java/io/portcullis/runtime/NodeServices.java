package io.portcullis.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.alerts.AlertEvent;
import io.portcullis.alerts.AlertRule;
import io.portcullis.alerts.Alerts;
import io.portcullis.alerts.RuleType;
import io.portcullis.alerts.WebhookSettings;
import io.portcullis.audit.AuditAlert;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.FailurePolicy;
import io.portcullis.audit.Retention;
import io.portcullis.config.node.AlertsConfig;
import io.portcullis.config.node.AuditConfig;
import io.portcullis.config.node.ThreatFeedConfig;
import io.portcullis.config.node.WebhookConfig;
import io.portcullis.feeds.FeedFormat;
import io.portcullis.feeds.FeedListener;
import io.portcullis.feeds.FeedRefresher;
import io.portcullis.feeds.FeedSource;
import io.portcullis.feeds.FeedSpec;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.runtime.evidence.AlertBridge;
import io.portcullis.runtime.plan.NodePlan;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.portcullis.config.node.NodeConfig;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.runtime.autoblock.AutoBlocker;
import io.portcullis.runtime.evidence.AccessLogWriter;
import io.portcullis.runtime.evidence.AdminServer;
import io.portcullis.runtime.evidence.AuditRecorder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-level services of a configuration's {@code alerts}, {@code audit}, {@code threatFeeds},
 * {@code accessLog}, {@code autoBlock} and {@code admin} sections, started together and closed in reverse order. They are built once, when the node
 * starts; a reload that changes these sections is applied to the APIs and logged as needing a restart for the
 * sections themselves (an audit log is not something to swap under traffic).
 */
final class NodeServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeServices.class);

    private final NodeConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<GatewayListener> listeners = new ArrayList<>();
    private AuditLog audit;
    private Alerts alerts;
    private AdminServer admin;
    private AccessLogWriter accessLog;

    private NodeServices(NodeConfig config) {
        this.config = config;
    }

    /**
     * Starts every configured service; on failure closes what it started and throws with the configuration path.
     *
     * @param addresses the addresses a blocking key covers now (for auto-block)
     * @param ready the reason the node is not ready, or null
     */
    static NodeServices start(NodePlan plan, PrometheusMeterRegistry registry, InMemoryBlocklist blocklist,
                              Function<String, Collection<InetAddress>> addresses, Supplier<String> ready, Clock clock) {
        NodeConfig config = plan.config();
        NodeServices s = new NodeServices(config);
        try {
            config.alerts().ifPresent(a -> s.startAlerts(plan, clock));
            config.audit().ifPresent(a -> s.openAudit(a, registry, clock));
            if (!config.threatFeeds().isEmpty()) {
                s.startFeeds(plan.feeds(), blocklist, clock);
            }
            config.accessLog().ifPresent(a -> {
                s.accessLog = new AccessLogWriter(a.path().orElse(null), a.recordQuery());
                s.add(s.accessLog);
            });
            config.autoBlock().ifPresent(c -> s.add(new AutoBlocker(c, blocklist, addresses, (message, key) -> { }, clock)));
            if (config.admin().isPresent()) {
                var a = config.admin().get();
                try {
                    s.admin = new AdminServer(new InetSocketAddress(a.host(), a.port()), registry,
                            () -> s.audit != null && !s.audit.admitting() ? "the audit log is not taking records" : ready.get());
                    s.closeables.add(s.admin);
                } catch (IOException e) {
                    throw new IllegalStateException("admin.listen: cannot listen on " + a.host() + ":" + a.port() + ": " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void openAudit(AuditConfig a, PrometheusMeterRegistry registry, Clock clock) {
        AuditSettings.Builder b = AuditSettings.builder(a.dir(), a.signingKey())
                .failurePolicy(a.failClosed() ? FailurePolicy.FAIL_CLOSED : FailurePolicy.FAIL_OPEN)
                .redactQuery(!a.recordQuery())
                .retention(new Retention(a.retentionAge().orElse(Duration.ZERO), a.retentionBytes().orElse(0)))
                .listener(alert -> {
                    log.warn("audit alert {}: {}", alert.type(), alert.detail());
                    if (alerts != null && (alert.type() == AuditAlert.Type.WRITE_FAILED || alert.type() == AuditAlert.Type.QUEUE_FULL
                            || alert.type() == AuditAlert.Type.TORN_TAIL)) {
                        alerts.submit(AlertEvent.auditFailure(clock.millis(), "audit", alert.type() + ": " + alert.detail()));
                    }
                })
                .clock(clock);
        a.checkpointInterval().ifPresent(b::checkpointInterval);
        a.fsyncInterval().ifPresent(b::fsyncInterval);
        try {
            audit = AuditLog.open(b.build());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("audit: cannot open the log in " + a.dir() + " with key " + a.signingKey() + ": " + e.getMessage(), e);
        }
        closeables.add(audit);
        listeners.add(new AuditRecorder(audit));
        if (alerts != null) {
            AuditLog opened = audit;
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "portcullis-audit-lag");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> alerts.submit(AlertEvent.auditLag(clock.millis(), "audit", opened.queued())),
                    1, 1, TimeUnit.SECONDS);
            closeables.add(sampler::shutdownNow);
        }
        Gauge.builder("portcullis.audit.queued", audit, AuditLog::queued).description("audit records waiting to be written (audit lag)")
                .register(registry);
        Gauge.builder("portcullis.audit.durable.records", audit, AuditLog::durableSize).description("audit records made durable")
                .register(registry);
        Gauge.builder("portcullis.audit.dropped", audit, AuditLog::dropped).description("audit records dropped (fail-open only)")
                .register(registry);
    }

    private void startAlerts(NodePlan plan, Clock clock) {
        Alerts.Builder b = Alerts.builder().rules(plan.alertRules());
        plan.webhook().ifPresent(b::webhook);
        alerts = b.build();
        closeables.add(alerts);
        listeners.add(new AlertBridge(alerts, clock));
    }

    private void startFeeds(List<FeedSpec> specs, InMemoryBlocklist blocklist, Clock clock) {
        FeedRefresher refresher = FeedRefresher.builder((feed, cidrs) -> {
            List<Cidr> parsed = cidrs.stream().map(Cidr::parse).toList();
            blocklist.replaceSource(feed, parsed);
            log.info("threat feed {}: {} prefixes in force", feed, parsed.size());
        }).listener(new FeedListener() {
            @Override
            public void onFailure(String feed, String reason) {
                log.warn("threat feed {}: refresh failed, the previous list stays in force: {}", feed, reason);
                if (alerts != null) {
                    alerts.submit(AlertEvent.feedFailure(clock.millis(), feed, reason));
                }
            }
        }).feeds(specs).clock(clock).build();
        closeables.add(refresher);
        refresher.startAndAwaitFirstLoad(); // serve with the lists in force; a failed feed alerts and retries
    }

    private void add(GatewayListener listener) {
        listeners.add(listener);
        closeables.add((AutoCloseable) listener);
    }

    GatewayListener listener() {
        return GatewayListener.composite(listeners);
    }

    AuditLog audit() {
        return audit;
    }

    InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    /** Reopens the access log file by its path (after log rotation renamed it); asked on every reload. */
    void reopenLogs() {
        if (accessLog != null) {
            accessLog.reopen();
        }
    }

    /** Warns when a reload changes node-level sections, which take effect at the next start. */
    void noteReload(NodeConfig next) {
        if (!next.equals(config)) {
            log.warn("reload: the node-level sections (audit, accessLog, admin, alerts, threatFeeds, autoBlock) changed; "
                    + "the APIs were reloaded, these sections take effect when the node restarts");
        }
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn("closing {}: {}", closeables.get(i), e.toString());
            }
        }
        closeables.clear();
    }
}
