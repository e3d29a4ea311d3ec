package io.portcullis.alerts.internal;

import io.portcullis.alerts.Alert;
import io.portcullis.alerts.DeliveryListener;
import io.portcullis.alerts.WebhookSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to the webhook on its own thread ({@code portcullis-alert-webhook}), retrying with backoff.
 *
 * <p>Design note: at most {@code queueCapacity} alerts are in delivery at once (waiting, in flight, or waiting
 * to retry), counted by one atomic; {@link #offer} beyond that refuses at once and counts an overflow, so the
 * alert thread never waits for the webhook. Each attempt is a POST bounded by the timeout (connection, response
 * and body); 2xx delivers, 408, 429, 5xx, timeouts and I/O errors are retried after {@link Backoff}, any other
 * status gives up at once. Retries are scheduled, not slept, so one slow alert does not hold back the others.
 * Every attempt of one alert carries the same {@code X-Portcullis-Delivery} id for receivers to deduplicate.
 */
public final class WebhookDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final WebhookSettings settings;
    private final WebhookSigner signer;
    private final Backoff backoff;
    private final DeliveryListener listener;
    private final Counters counters;
    private final HttpClient client;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();

    public WebhookDelivery(WebhookSettings settings, DeliveryListener listener, Counters counters,
                           RandomGenerator random) {
        this.settings = settings;
        this.signer = settings.secret().map(WebhookSigner::new).orElse(null);
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), random);
        this.listener = listener;
        this.counters = counters;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portcullis-alert-webhook");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues one alert for delivery; false (counted as overflow) when the queue is full. Never blocks. */
    public boolean offer(Alert alert) {
        if (pending.incrementAndGet() > settings.queueCapacity()) {
            pending.decrementAndGet();
            counters.deliveryOverflow.increment();
            log.warn("alert webhook queue full, alert not posted: rule={} key={}", alert.rule(), alert.key());
            notify(() -> listener.overflowed(alert));
            return false;
        }
        byte[] body = AlertJson.encode(alert);
        String id = UUID.randomUUID().toString();
        try {
            executor.execute(() -> attempt(alert, body, id, 1));
            return true;
        } catch (RejectedExecutionException closed) {
            pending.decrementAndGet();
            return false;
        }
    }

    private void attempt(Alert alert, byte[] body, String id, int attempt) {
        Attempt result = post(body, id, attempt);
        if (result.delivered()) {
            counters.delivered++;
            pending.decrementAndGet();
            notify(() -> listener.delivered(alert, attempt));
        } else if (!result.retryable() || attempt >= settings.maxAttempts()) {
            counters.deliveryFailures++;
            pending.decrementAndGet();
            log.warn("alert webhook gave up: rule={} key={} attempts={} reason={} url={}", alert.rule(), alert.key(),
                    attempt, result.reason(), settings.redactedUrl());
            notify(() -> listener.gaveUp(alert, attempt, result.reason()));
        } else {
            counters.deliveryRetries++;
            long delay = backoff.delayNanos(attempt);
            log.debug("alert webhook attempt failed, retrying: rule={} attempt={} reason={} inMillis={}", alert.rule(),
                    attempt, result.reason(), TimeUnit.NANOSECONDS.toMillis(delay));
            try {
                executor.schedule(() -> attempt(alert, body, id, attempt + 1), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                pending.decrementAndGet();
            }
        }
    }

    private record Attempt(boolean delivered, boolean retryable, String reason) {}

    private Attempt post(byte[] body, String id, int attempt) {
        Duration timeout = settings.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "portcullis-alerts")
                .header("X-Portcullis-Delivery", id)
                .header("X-Portcullis-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signer != null) {
            request.header(WebhookSigner.HEADER, signer.sign(body));
        }
        CompletableFuture<HttpResponse<Void>> future =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        try {
            int status = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS).statusCode();
            boolean retryable = status == 408 || status == 429 || status >= 500;
            return new Attempt(status / 100 == 2, retryable, "HTTP " + status);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Attempt(false, true, "timed out");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Attempt(false, true, "I/O error: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Attempt(false, false, "interrupted");
        }
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("delivery listener failed", e);
        }
    }

    /** Alerts waiting or in flight. */
    public int pending() {
        return pending.get();
    }

    /**
     * Stops: first attempts already queued still run (each bounded by the timeout); scheduled retries are dropped.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        int left = pending.get();
        if (left > 0) {
            log.warn("alert webhook closed with alerts undelivered: count={}", left);
        }
    }
}
