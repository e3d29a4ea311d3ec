package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.alerts.Alert;
import io.portcullis.audit.AuditRecord;
import io.portcullis.config.node.ClusterConfig;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.limit.LeasedRateLimiter;
import io.portcullis.gateway.limit.LocalRateLimiter;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.limit.ScopedRateLimiter;
import io.portcullis.runtime.autoblock.BlockSharing;
import io.portcullis.time.Ticker;
import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A node's part in the cluster, started from the {@code cluster} section: the Redis link, the rate limiter whose
 * global limits live in Redis (local ones stay in the node), and the shared blocks. Its metrics:
 * {@code portcullis_cluster_shared} (1 while global limits use the shared buckets, 0 on the local share),
 * {@code portcullis_cluster_nodes} (live nodes last counted), {@code portcullis_cluster_leased_tokens}, and the
 * switches counted by {@link ClusterEvidence}.
 */
public final class Cluster implements AutoCloseable {

    /** Leases unused this long are given back to the shared buckets. */
    static final long IDLE_LEASE_NANOS = 2_000_000_000L;

    private final RedisLink link;
    private final LeasedRateLimiter global;
    private final RateLimiter limiter;
    private final SharedBlocks blocks;

    private Cluster(RedisLink link, InMemoryBlocklist blocklist, Ticker ticker, Clock clock) {
        this.link = link;
        this.global = new LeasedRateLimiter(new RedisBuckets(link, link.timeoutMillis()), new LocalRateLimiter(), ticker);
        this.limiter = new ScopedRateLimiter(new LocalRateLimiter(), global);
        this.blocks = new SharedBlocks(link, blocklist, clock);
        link.onTick(() -> global.returnIdle(IDLE_LEASE_NANOS));
    }

    /**
     * Connects to Redis (or starts on the local share and keeps trying) and starts sharing.
     *
     * @param nodeId the node's name ({@code cluster.nodeId}, else a name made now)
     * @param audit where the switch records go (the node's audit log)
     * @param alerts where the fallback alert goes (the node's alerting)
     */
    public static Cluster start(ClusterConfig config, String nodeId, InMemoryBlocklist blocklist,
                                Consumer<AuditRecord> audit, Consumer<Alert> alerts, MeterRegistry registry, Clock clock) {
        requireNonNull(config, "config");
        ClusterEvidence evidence = new ClusterEvidence(nodeId, audit, alerts, registry, clock);
        RedisLink link = RedisLink.start(config.redis(), nodeId, evidence, Ticker.system(), clock);
        Cluster cluster = new Cluster(link, blocklist, Ticker.system(), clock);
        Gauge.builder("portcullis.cluster.shared", link, l -> l.available() ? 1 : 0)
                .description("1 while global rate limits use the shared buckets, 0 on this node's local share")
                .register(registry);
        Gauge.builder("portcullis.cluster.nodes", link, RedisLink::liveNodes)
                .description("live nodes as last counted in Redis").register(registry);
        Gauge.builder("portcullis.cluster.leased.tokens", cluster.global, LeasedRateLimiter::leased)
                .description("tokens of global limits this node holds in leases").register(registry);
        return cluster;
    }

    /** A name for a node whose configuration names none: the host name and a random suffix, new at each start. */
    public static String madeNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        return host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Local limits in this node, global ones on the shared buckets (or the local share). */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /** Where auto-blocks are told to the other nodes. */
    public BlockSharing blockSharing() {
        return blocks;
    }

    public SharedBlocks sharedBlocks() {
        return blocks;
    }

    public RedisLink link() {
        return link;
    }

    @Override
    public void close() {
        link.close();
    }
}
