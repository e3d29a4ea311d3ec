package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.site.map.ReachabilityMap;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's console content: the views ({@link ConsoleServer#VIEWS}) over the node's own readers (its meters, audit
 * log, plan and change records) and their endpoints ({@link Endpoints}). A once-a-second sampler reads the meters
 * for every open console at once; {@code /api/stream} pushes the figures and each new decision as server-sent events.
 */
public final class NodeViews implements ConsoleContent {

    private static final Logger log = LoggerFactory.getLogger(NodeViews.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int LIVE_PER_SECOND = 50;

    private final Node node;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-console-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Streams streams = new Streams();
    private final TrafficMeters meters;
    private final DecisionFeed feed;
    private final Decisions decisions;
    private final AuditStatus audit;
    private volatile String traffic = "{}";
    /** Written by the feed's thread only; read by the sampler for the count (a stale read is harmless). */
    private long liveSecond;
    private int liveSent;
    private volatile long liveSkipped;
    private volatile ReachMapCache reachMap;

    public NodeViews(Node node, Clock clock) throws IOException {
        this.node = node;
        this.meters = new TrafficMeters(node.registry());
        var auditConfig = node.plan().node().config().audit();
        this.audit = auditConfig.isPresent() ? new AuditStatus(auditConfig.get(), clock) : null;
        this.decisions = new Decisions(auditConfig.map(a -> a.dir()).orElse(null), node::plan);
        long durable = node.registry().find("portcullis.audit.durable.records").gauge() == null ? 0
                : (long) node.registry().find("portcullis.audit.durable.records").gauge().value();
        this.feed = auditConfig.isPresent() ? new DecisionFeed(auditConfig.get().dir(), durable - DecisionFeed.BACKLOG,
                new DecisionFeed.Listener() {
                    @Override
                    public boolean wants() {
                        return liveBudget();
                    }

                    @Override
                    public void row(ObjectNode row) {
                        liveSent++;
                        streams.publish("decision", row.toString());
                    }
                }) : null;
        sampler.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public String home() {
        return "/traffic";
    }

    @Override
    public boolean serve(HttpExchange ex, User user, String path, String method) throws IOException {
        if (ConsoleServer.VIEWS.contains(path)) {
            Web.page(ex, "app.html");
        } else if (path.startsWith("/api/")) {
            new Endpoints(this, user).serve(ex, path.substring(4), method);
        } else {
            return false;
        }
        return true;
    }

    /**
     * Whether a decision row may go to the open consoles now: at most {@link #LIVE_PER_SECOND} a second (a person reads a few
     * rows a second, and at tens of thousands of requests a second formatting every record for every stream
     * would be the console's largest cost). The table says how many it left out; the search finds every record.
     */
    private boolean liveBudget() {
        if (streams.open() == 0) {
            return false;
        }
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != liveSecond) {
            liveSecond = second;
            liveSent = 0;
        }
        if (liveSent < LIVE_PER_SECOND) {
            return true;
        }
        liveSkipped++;
        return false;
    }

    private void tick() {
        try {
            ObjectNode t = meters.sample(System.nanoTime());
            t.put("time", Instant.now().toString()).put("plan", node.plan().digest().toString());
            t.set("topRefused", feed == null ? JSON.createArrayNode() : feed.topRefused(Instant.now(), 10));
            ArrayNode blocks = t.putArray("autoBlocks");
            node.autoBlocked().stream().sorted().forEach(blocks::add);
            t.put("audit", feed != null).put("liveSkipped", liveSkipped);
            traffic = t.toString();
            streams.publish("traffic", traffic);
        } catch (RuntimeException e) {
            log.warn("console: sampling the meters failed: {}", e.toString());
        }
    }

    Node node() {
        return node;
    }

    /** The reachability map of the plan in force (the living documentation's model), built once per plan. */
    String reachability() {
        Plan plan = node.plan();
        ReachMapCache cached = reachMap;
        if (cached == null || cached.plan() != plan) {
            cached = new ReachMapCache(plan, ReachabilityMap.of(plan, Instant.now()));
            reachMap = cached;
        }
        return cached.json();
    }

    private record ReachMapCache(Plan plan, String json) {}

    String traffic() {
        return traffic;
    }

    Streams streams() {
        return streams;
    }

    DecisionFeed feed() {
        return feed;
    }

    Decisions decisions() {
        return decisions;
    }

    AuditStatus audit() {
        return audit;
    }

    @Override
    public void close() {
        streams.close();
        sampler.shutdownNow();
        if (feed != null) {
            feed.close();
        }
    }
}
