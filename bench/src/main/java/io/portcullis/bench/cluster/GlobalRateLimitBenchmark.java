package io.portcullis.bench.cluster;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portcullis.config.node.ClusterConfig;
import io.portcullis.config.node.RedisConfig;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.limit.RateLimitProbe;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.runtime.cluster.Cluster;
import io.portcullis.runtime.cluster.RedisBuckets;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitScope;
import io.portcullis.settings.RateLimitSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request path's cost of a rate limit: {@code local} (this node's bucket), {@code global} (the same limit
 * shared through Redis: a token from the node's lease, leases refilled asynchronously), and
 * {@code redisRoundTrip}, one Bucket4j take on Redis awaited (what a request would wait if it asked Redis itself,
 * and what each lease costs off the request path). Needs Redis on 127.0.0.1:6379 (a key prefix of its own).
 * The limits are 1,000,000 a second, so nothing is refused and a global lease (at least 5,000 tokens) is fetched
 * every few thousand requests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GlobalRateLimitBenchmark {

    private static final RateLimitSettings LOCAL = new RateLimitSettings(RateLimitKey.API, 1_000_000, 1_000_000,
            Duration.ofSeconds(1), RateLimitScope.LOCAL);
    private static final RateLimitSettings GLOBAL = new RateLimitSettings(RateLimitKey.API, 1_000_000, 1_000_000,
            Duration.ofSeconds(1), RateLimitScope.GLOBAL);

    private Cluster cluster;
    private RateLimiter limiter;
    private RedisBuckets buckets;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        RedisConfig redis = new RedisConfig(URI.create("redis://127.0.0.1:6379"),
                "bench-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        cluster = Cluster.start(new ClusterConfig(Optional.of("bench"), redis), "bench", new InMemoryBlocklist(),
                r -> { }, a -> { }, new SimpleMeterRegistry(), Clock.systemUTC());
        for (int i = 0; i < 500 && !cluster.link().available(); i++) {
            Thread.sleep(10);
        }
        if (!cluster.link().available()) {
            throw new IllegalStateException("Redis does not answer on 127.0.0.1:6379");
        }
        limiter = cluster.rateLimiter();
        buckets = new RedisBuckets(cluster.link(), 500);
    }

    @TearDown(Level.Trial)
    public void stop() {
        cluster.close();
    }

    @Benchmark
    public RateLimitProbe local() {
        return limiter.tryConsume("bench", LOCAL, "");
    }

    @Benchmark
    public RateLimitProbe global() {
        return limiter.tryConsume("bench", GLOBAL, "");
    }

    @Benchmark
    public Object redisRoundTrip() {
        return buckets.take("bench-round-trip", GLOBAL, 1).toCompletableFuture().join();
    }
}
