package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import io.portcullis.feeds.internal.FeedTask;
import java.io.Closeable;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps threat feeds in force: fetches each feed on its own schedule, hands every accepted list to the
 * {@link FeedSink}, and on any failure (network, HTTP status, malformed content, sink refusal) keeps the previous
 * list and tells the {@link FeedListener}.
 *
 * <p>Design: one daemon thread ({@code portcullis-feeds}) runs every fetch, parse and sink call, one feed at a
 * time, so no request thread ever waits on a feed and per-feed state needs no locks. After a success (or an
 * unchanged feed) the next refresh is {@link FeedSpec#refresh()} later; after a failure, the shorter of that and
 * {@link Builder#failureRetry(Duration)}. An HTTP exchange, body included, is bounded by the request timeout, so a
 * slow server delays the other feeds by at most that.
 *
 * <pre>{@code
 * FeedRefresher feeds = FeedRefresher.builder(blocklistSink).listener(alerting).feeds(specs).build();
 * List<RefreshOutcome> first = feeds.startAndAwaitFirstLoad(); // lists in force before serving
 * ...
 * feeds.close();
 * }</pre>
 */
public final class FeedRefresher implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(FeedRefresher.class);

    private final Map<String, FeedTask> tasks;
    private final FeedListener listener;
    private final Duration failureRetry;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean started;

    private FeedRefresher(Builder b) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Map<String, FeedTask> byName = new LinkedHashMap<>();
        for (FeedSpec spec : b.feeds) {
            byName.put(spec.name(), new FeedTask(spec, client, b.requestTimeout, b.sink, b.clock));
        }
        this.tasks = byName;
        this.listener = b.listener;
        this.failureRetry = b.failureRetry;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portcullis-feeds");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public static Builder builder(FeedSink sink) {
        return new Builder(sink);
    }

    /** Starts refreshing: every feed's first refresh runs at once on the refresher thread; returns immediately. */
    public void start() {
        markStarted();
        tasks.values().forEach(t -> executor.execute(() -> run(t)));
    }

    /**
     * Starts refreshing and waits for every feed's first refresh, so that the runtime can serve with the lists in
     * force. Each feed's wait is bounded by the request timeout (URLs) or a file read. The outcomes say which
     * feeds failed; what to do about a failed first load (serve without it, or refuse to start) is the caller's
     * choice.
     */
    public List<RefreshOutcome> startAndAwaitFirstLoad() {
        markStarted();
        List<CompletableFuture<RefreshOutcome>> first = new ArrayList<>();
        tasks.values().forEach(t -> first.add(CompletableFuture.supplyAsync(() -> run(t), executor)));
        return first.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Refreshes one feed now, on the refresher thread (e.g. an operator's "reload feed"). When started, the
     * feed's next periodic refresh is counted from this one.
     *
     * @throws IllegalArgumentException if there is no feed of that name
     */
    public CompletableFuture<RefreshOutcome> refreshNow(String feedName) {
        FeedTask task = task(feedName);
        return CompletableFuture.supplyAsync(() -> run(task), executor);
    }

    /** What is known of one feed: entries in force, last success, last failure. */
    public FeedStatus status(String feedName) {
        return task(feedName).status();
    }

    /** The names of the feeds, in the order they were given. */
    public List<String> feedNames() {
        return List.copyOf(tasks.keySet());
    }

    /** Stops the refresher thread, interrupting a refresh in progress. Lists already handed over stay in force. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("feed refresher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void markStarted() {
        if (executor.isShutdown()) {
            throw new IllegalStateException("closed");
        }
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
    }

    private FeedTask task(String feedName) {
        requireNonNull(feedName, "feedName");
        FeedTask task = tasks.get(feedName);
        if (task == null) {
            throw new IllegalArgumentException("feed: '" + feedName + "' (expected: one of " + tasks.keySet() + ")");
        }
        return task;
    }

    /**
     * Runs on the refresher thread: refresh, report, schedule the next one. Whatever run was pending for the
     * feed is cancelled first, so each feed has at most one scheduled refresh however runs were requested.
     */
    private RefreshOutcome run(FeedTask task) {
        if (task.next() != null) {
            task.next().cancel(false);
        }
        FeedTask.Result result;
        try {
            result = task.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
        RefreshOutcome outcome = result.outcome();
        report(outcome, result.list());
        if (started && !executor.isShutdown()) {
            Duration delay = task.spec().refresh();
            if (outcome.failed() && failureRetry.compareTo(delay) < 0) {
                delay = failureRetry;
            }
            task.next(executor.schedule(() -> run(task), delay.toNanos(), TimeUnit.NANOSECONDS));
        }
        return outcome;
    }

    private void report(RefreshOutcome outcome, FeedList list) {
        String name = outcome.feed();
        try {
            switch (outcome.status()) {
                case UPDATED -> {
                    log.info("feed updated: feed={} entries={} badLines={} hostBitsMasked={}", name, outcome.count(),
                            outcome.badLines(), list.hostBitsMasked());
                    if (!list.badLines().isEmpty()) {
                        log.warn("feed has bad lines: feed={} badLines={} first={}", name, list.badLineCount(),
                                list.badLines());
                    }
                    listener.onSuccess(name, outcome.count(), outcome.badLines());
                }
                case UNCHANGED -> log.debug("feed unchanged: feed={} entries={}", name, outcome.count());
                case FAILED -> {
                    log.warn("feed refresh failed, previous list kept: feed={} entries={} reason={}", name,
                            outcome.count(), outcome.reason());
                    listener.onFailure(name, outcome.reason());
                }
            }
        } catch (RuntimeException e) {
            log.warn("feed listener failed: feed={}", name, e);
        }
    }

    /**
     * Configures a {@link FeedRefresher}. Defaults: connect timeout 10 s, request timeout 60 s (whole exchange),
     * failure retry 5 min, system UTC clock, no listener.
     */
    public static final class Builder {
        private final FeedSink sink;
        private final List<FeedSpec> feeds = new ArrayList<>();
        private FeedListener listener = FeedListener.NONE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration failureRetry = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();

        private Builder(FeedSink sink) {
            this.sink = requireNonNull(sink, "sink");
        }

        public Builder feed(FeedSpec spec) {
            requireNonNull(spec, "spec");
            for (FeedSpec f : feeds) {
                if (f.name().equals(spec.name())) {
                    throw new IllegalArgumentException("feed: '" + spec.name() + "' (expected: a unique name)");
                }
            }
            feeds.add(spec);
            return this;
        }

        public Builder feeds(List<FeedSpec> specs) {
            requireNonNull(specs, "specs").forEach(this::feed);
            return this;
        }

        public Builder listener(FeedListener v) { listener = requireNonNull(v, "listener"); return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = positive("connectTimeout", v); return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = positive("requestTimeout", v); return this; }
        public Builder failureRetry(Duration v) { failureRetry = positive("failureRetry", v); return this; }
        public Builder clock(Clock v) { clock = requireNonNull(v, "clock"); return this; }

        public FeedRefresher build() {
            return new FeedRefresher(this);
        }

        private static Duration positive(String name, Duration d) {
            requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
