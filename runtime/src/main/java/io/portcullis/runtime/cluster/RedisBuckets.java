package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.portcullis.gateway.limit.SharedBuckets;
import io.portcullis.settings.RateLimitSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The shared buckets of global limits: Bucket4j's compare-and-swap buckets on Redis through Lettuce, one key per
 * bucket ({@code PREFIX:rl:SCOPE|POLICY|CAPACITY|KEY}), expiring once it would have refilled. Taking a lease is
 * Bucket4j's {@code tryConsumeAsMuchAsPossible} (verbose: it also tells the tokens left), giving back {@code addTokens} (capped at the capacity), both
 * asynchronous and bounded by the link's timeout; every answer counts as Redis answering.
 */
public final class RedisBuckets implements SharedBuckets {

    private final RedisLink link;
    private final long timeoutMillis;
    private final ConcurrentHashMap<RateLimitSettings, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    public RedisBuckets(RedisLink link, long timeoutMillis) {
        this.link = requireNonNull(link, "link");
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CompletionStage<Taken> take(String id, RateLimitSettings limit, long tokens) {
        AsyncProxyManager<String> buckets = link.buckets();
        if (buckets == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        try {
            return buckets.builder().build(link.key("rl:" + id), configuration(limit)).asVerbose()
                    .tryConsumeAsMuchAsPossible(tokens).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .thenApply(r -> new Taken(r.getValue(), r.getDiagnostics().getAvailableTokens()))
                    .whenComplete((n, e) -> {
                        if (e == null) {
                            link.answered();
                        } else {
                            link.failed(e);
                        }
                    });
        } catch (RuntimeException e) { // a command refused at once (disconnected)
            link.failed(e);
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void giveBack(String id, RateLimitSettings limit, long tokens) {
        AsyncProxyManager<String> buckets = link.buckets();
        if (buckets != null && tokens > 0) {
            try {
                buckets.builder().build(link.key("rl:" + id), configuration(limit)).addTokens(tokens);
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
    }

    @Override
    public boolean available() {
        return link.available();
    }

    @Override
    public int liveNodes() {
        return link.liveNodes();
    }

    private BucketConfiguration configuration(RateLimitSettings limit) {
        return configurations.computeIfAbsent(limit, l -> BucketConfiguration.builder()
                .addLimit(b -> b.capacity(l.capacity()).refillGreedy(l.refillTokens(), l.refillPeriod())).build());
    }
}
