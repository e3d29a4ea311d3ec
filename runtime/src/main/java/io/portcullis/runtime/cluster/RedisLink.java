package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.portcullis.config.node.RedisConfig;
import io.portcullis.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's link to Redis: the connections (Lettuce, reconnecting on their own), whether Redis answers, and how
 * many nodes are live.
 *
 * <p>Design: one scheduler thread ticks every {@code min(fallbackAfter / 4, 250ms)}: it connects if the node has
 * no connection yet, sends a {@code PING} (every successful command, a lease included, counts as an answer), and
 * every {@code presenceTtl / 3} refreshes this node's presence, a member of the sorted set {@code PREFIX:nodes}
 * scored with its expiry, drops the expired members and counts the rest. The request path reads two volatile
 * fields ({@link #available}, {@link #liveNodes}) and never waits on Redis: commands fail at once while
 * disconnected and time out after {@code timeout}. When nothing has answered for {@code fallbackAfter} the tick
 * switches to the local share (so the switch happens within {@code fallbackAfter} plus one tick), and the first
 * answer after that switches back; both are reported to {@link ClusterEvidence}, and the return runs the
 * {@linkplain #onConnected reconnect hooks} (a full read of shared blocks).
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final RedisConfig config;
    private final String nodeId;
    private final ClusterEvidence evidence;
    private final Ticker ticker;
    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final long tickMillis;
    private final List<Runnable> onConnected = new CopyOnWriteArrayList<>();
    private final List<Runnable> onTick = new CopyOnWriteArrayList<>();
    private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-cluster");
        t.setDaemon(true);
        return t;
    });
    private volatile StatefulRedisConnection<String, String> text;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile AsyncProxyManager<String> buckets;
    private volatile long lastAnswer;
    private volatile boolean fallback;
    private volatile int liveNodes = 1;
    private volatile String lastFailure = "no answer yet";
    private long fallbackSince; // scheduler thread only
    private long presenceDue; // scheduler thread only

    private RedisLink(RedisConfig config, String nodeId, ClusterEvidence evidence, Ticker ticker, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.evidence = requireNonNull(evidence, "evidence");
        this.ticker = requireNonNull(ticker, "ticker");
        this.clock = requireNonNull(clock, "clock");
        this.tickMillis = Math.max(10, Math.min(config.fallbackAfter().toMillis() / 4, 250));
        this.resources = ClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.constant(Duration.ofMillis(tickMillis))).build();
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(config.timeout()).build()).build());
    }

    /**
     * Connects (at most {@code timeout}; a node whose Redis is down starts on its local share and keeps trying)
     * and starts the tick.
     */
    public static RedisLink start(RedisConfig config, String nodeId, ClusterEvidence evidence, Ticker ticker,
                                  Clock clock) {
        RedisLink link = new RedisLink(config, nodeId, evidence, ticker, clock);
        link.lastAnswer = ticker.read();
        link.scheduler.execute(link::connect);
        link.scheduler.scheduleWithFixedDelay(link::tick, link.tickMillis, link.tickMillis, TimeUnit.MILLISECONDS);
        return link;
    }

    /** The key {@code PREFIX:name}. */
    public String key(String name) {
        return config.keyPrefix() + ":" + name;
    }

    public String nodeId() {
        return nodeId;
    }

    /** How long one command may take. */
    long timeoutMillis() {
        return config.timeout().toMillis();
    }

    /** Whether global limits use the shared buckets now (false: the local share). A volatile read. */
    public boolean available() {
        return !fallback && buckets != null;
    }

    /** The live nodes as last counted, at least 1. */
    public int liveNodes() {
        return liveNodes;
    }

    /** The connection for plain commands, or null before the first connection. */
    StatefulRedisConnection<String, String> text() {
        return text;
    }

    /** Bucket4j's asynchronous buckets on Redis, or null before the first connection. */
    AsyncProxyManager<String> buckets() {
        return buckets;
    }

    /** Records an answer from Redis (any command that completed). */
    void answered() {
        lastAnswer = ticker.read();
    }

    /** Records a command that failed or timed out (only its text is kept, for the fallback's record). */
    void failed(Throwable cause) {
        lastFailure = String.valueOf(cause);
    }

    /** Runs {@code hook} on the scheduler after the first connection and after each return from fallback. */
    void onConnected(Runnable hook) {
        onConnected.add(hook);
        if (text != null) {
            scheduler.execute(hook);
        }
    }

    /** Runs {@code task} on the scheduler at every tick. */
    void onTick(Runnable task) {
        onTick.add(task);
    }

    /** Delivers the messages of {@code channel} to {@code handler} on Lettuce's thread (resubscribed on reconnect). */
    void subscribe(String channel, Consumer<String> handler) {
        channels.put(channel, handler);
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        if (p != null) {
            p.async().subscribe(channel);
        }
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private void connect() {
        try {
            StatefulRedisConnection<String, byte[]> bytes = client.connect(RedisCodec.of(StringCodec.UTF8,
                    ByteArrayCodec.INSTANCE));
            StatefulRedisConnection<String, String> t = client.connect();
            StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
            p.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Consumer<String> handler = channels.get(channel);
                    if (handler != null) {
                        handler.accept(message);
                    }
                }
            });
            if (!channels.isEmpty()) {
                p.sync().subscribe(channels.keySet().toArray(String[]::new));
            }
            buckets = Bucket4jLettuce.casBasedBuilder(bytes).expirationAfterWrite(ExpirationAfterWriteStrategy
                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))).build().asAsync();
            text = t;
            pubsub = p;
            answered();
            presence();
            log.info("cluster: node {} connected to Redis {} (prefix {})", nodeId, config.uri(), config.keyPrefix());
            onConnected.forEach(Runnable::run);
        } catch (RuntimeException e) {
            failed(e);
            log.warn("cluster: node {} cannot connect to Redis {} (trying again): {}", nodeId, config.uri(), e.toString());
        }
    }

    private void tick() {
        try {
            StatefulRedisConnection<String, String> t = text;
            if (t == null) {
                connect();
            } else {
                t.async().ping().whenComplete((pong, e) -> {
                    if (e == null) {
                        answered();
                    } else {
                        failed(e);
                    }
                });
                if (ticker.read() - presenceDue >= 0) {
                    presence();
                }
            }
            decide();
            onTick.forEach(Runnable::run);
        } catch (RuntimeException e) {
            log.warn("cluster: tick failed: {}", e.toString());
        }
    }

    /** Switches to the local share after {@code fallbackAfter} without an answer; back at the first answer. */
    private void decide() {
        long now = ticker.read();
        long silent = now - lastAnswer;
        if (!fallback && (silent > config.fallbackAfter().toNanos() || text == null)) {
            fallback = true;
            fallbackSince = now;
            evidence.fallback(Duration.ofNanos(silent), liveNodes, lastFailure);
        } else if (fallback && text != null && lastAnswer - fallbackSince > 0) {
            fallback = false;
            evidence.restored(Duration.ofNanos(now - fallbackSince), liveNodes);
            presence();
            onConnected.forEach(Runnable::run);
        }
    }

    /** Refreshes this node's presence and counts the live nodes (asynchronously; the count lands when it answers). */
    private void presence() {
        StatefulRedisConnection<String, String> t = text;
        if (t == null) {
            return;
        }
        presenceDue = ticker.read() + config.presenceTtl().toNanos() / 3;
        long now = clock.millis();
        String nodes = key("nodes");
        var async = t.async();
        async.zadd(nodes, now + config.presenceTtl().toMillis(), nodeId);
        async.zremrangebyscore(nodes, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, (double) now));
        async.zcard(nodes).whenComplete((n, e) -> {
            if (e == null) {
                answered();
                liveNodes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
            } else {
                failed(e);
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        StatefulRedisConnection<String, String> t = text;
        if (t != null) {
            try {
                t.async().zrem(key("nodes"), nodeId).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("cluster: presence not removed: {}", e.toString());
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
}
