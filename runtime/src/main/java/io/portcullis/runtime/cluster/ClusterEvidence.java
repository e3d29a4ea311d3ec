package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.alerts.Alert;
import io.portcullis.alerts.RuleType;
import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a switch of the global limits leaves behind: the audit record (kind {@code cluster},
 * {@code traffic/cluster-fallback} when the node serves its local share, {@code traffic/cluster-restored} when it
 * is back on the shared buckets, {@code decidedBy} the node id, {@code detail} why and the share), the counter
 * {@code portcullis_cluster_switches_total{to="local-share"|"shared"}}, a log line, and on fallback an alert of
 * type {@code cluster-fallback}.
 */
public final class ClusterEvidence {

    public static final Reason FALLBACK = new Reason(Layer.TRAFFIC, "cluster-fallback");
    public static final Reason RESTORED = new Reason(Layer.TRAFFIC, "cluster-restored");
    private static final Logger log = LoggerFactory.getLogger(ClusterEvidence.class);

    private final String nodeId;
    private final Consumer<AuditRecord> audit;
    private final Consumer<Alert> alerts;
    private final Clock clock;
    private final Counter toLocal;
    private final Counter toShared;

    public ClusterEvidence(String nodeId, Consumer<AuditRecord> audit, Consumer<Alert> alerts, MeterRegistry registry,
                           Clock clock) {
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.audit = requireNonNull(audit, "audit");
        this.alerts = requireNonNull(alerts, "alerts");
        this.clock = requireNonNull(clock, "clock");
        this.toLocal = counter(registry, "local-share");
        this.toShared = counter(registry, "shared");
    }

    private static Counter counter(MeterRegistry registry, String to) {
        return Counter.builder("portcullis.cluster.switches")
                .description("switches of the global rate limits between the shared buckets and the local share")
                .tag("to", to).register(registry);
    }

    /** Global limits now served from this node's share: the store has not answered for {@code silent}. */
    void fallback(Duration silent, int nodes, String cause) {
        toLocal.increment();
        String detail = "Redis has not answered for " + silent.toMillis() + "ms (" + cause + "): global limits served "
                + "from this node's share, 1/" + nodes + " of each limit";
        log.warn("cluster: {}", detail);
        audit.accept(AuditRecord.builder(clock.instant(), AuditRecord.Kind.CLUSTER,
                Decision.deny(FALLBACK, nodeId, detail)).build());
        alerts.accept(new Alert("cluster-fallback", RuleType.CLUSTER_FALLBACK, nodeId, 1, 1, Duration.ZERO,
                clock.instant(), detail));
    }

    /** Global limits back on the shared buckets after {@code lasted} on the local share. */
    void restored(Duration lasted, int nodes) {
        toShared.increment();
        String detail = "Redis answers again: global limits back on the shared buckets after " + lasted.toMillis()
                + "ms on the local share (" + nodes + " live nodes)";
        log.info("cluster: {}", detail);
        audit.accept(AuditRecord.builder(clock.instant(), AuditRecord.Kind.CLUSTER,
                Decision.allow(RESTORED, nodeId, detail)).build());
    }
}
