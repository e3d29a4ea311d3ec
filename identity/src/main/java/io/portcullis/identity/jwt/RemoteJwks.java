package io.portcullis.identity.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote JWKS, fetched over HTTPS on a schedule and when a token names an unknown kid.
 *
 * <p>Design: the key set is one volatile immutable {@link TrustedKeys}, swapped whole; request threads only
 * read it. Fetches run on a single scheduler thread, never on a request thread. At most one fetch is in flight
 * ({@code inFlight}), and an unknown kid may start one only when {@code minGap} has passed since the last
 * attempt (by the injected clock), so a flood of random kids costs the issuer at most one request per gap and
 * costs each request one failed lookup. A failed fetch or an invalid document keeps the previous keys.
 */
final class RemoteJwks implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);
    static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    private final URI uri;
    private final HttpClient client;
    private final Clock clock;
    private final long minGapMillis;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final Runnable onKeysRemoved;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicLong fetches = new AtomicLong();
    private volatile long lastAttemptMillis = Long.MIN_VALUE / 2;
    private volatile TrustedKeys keys = TrustedKeys.EMPTY;
    private volatile boolean loaded;

    RemoteJwks(URI uri, HttpClient client, Clock clock, Duration minGap, Duration timeout,
               ScheduledExecutorService scheduler, Runnable onKeysRemoved) {
        this.uri = uri;
        this.client = client;
        this.clock = clock;
        this.minGapMillis = minGap.toMillis();
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.onKeysRemoved = onKeysRemoved;
    }

    /** Fetches once now (waiting up to the timeout) and then every {@code every}. */
    void start(Duration every) {
        lastAttemptMillis = clock.millis();
        inFlight.set(true);
        fetch();
        scheduler.scheduleWithFixedDelay(this::scheduled, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public TrustedKeys current() {
        return keys;
    }

    @Override
    public boolean loaded() {
        return loaded;
    }

    @Override
    public void unknownKid() {
        long now = clock.millis();
        if (now - lastAttemptMillis < minGapMillis || !inFlight.compareAndSet(false, true)) {
            return;
        }
        lastAttemptMillis = now;
        try {
            scheduler.execute(this::fetch);
        } catch (RuntimeException rejected) {
            inFlight.set(false);
        }
    }

    private void scheduled() {
        if (inFlight.compareAndSet(false, true)) {
            lastAttemptMillis = clock.millis();
            fetch();
        }
    }

    /** Number of HTTP requests made, for metrics and tests. */
    long fetches() {
        return fetches.get();
    }

    /** Runs with {@code inFlight} held; releases it. */
    private void fetch() {
        try {
            fetches.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/jwk-set+json, application/json").GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
                if (bytes.length > MAX_DOCUMENT_BYTES) {
                    log.error("JWKS {}: document over {} bytes; keeping {} previous keys", uri, MAX_DOCUMENT_BYTES,
                            keys.size());
                    return;
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
            if (response.statusCode() != 200) {
                log.error("JWKS {}: HTTP {}; keeping {} previous keys", uri, response.statusCode(), keys.size());
                return;
            }
            TrustedKeys next = TrustedKeys.parse(body, false, uri.toString());
            TrustedKeys previous = keys;
            keys = next;
            loaded = true;
            log.info("JWKS {}: {} keys loaded", uri, next.size());
            if (next.removedAnyOf(previous)) {
                onKeysRemoved.run();
            }
        } catch (IOException | IllegalArgumentException e) {
            log.error("JWKS {}: {}; keeping {} previous keys", uri, e.toString(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.set(false);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
