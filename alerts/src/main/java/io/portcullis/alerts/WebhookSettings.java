package io.portcullis.alerts;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how alerts are posted ({@code alerts.webhook}). Build with {@link #builder(URI)}; every option is
 * checked when it is set.
 *
 * <p>{@link #toString()} never shows the secret, nor the URL's query or user info (either may carry a token).
 *
 * @param url            the http(s) endpoint that receives one JSON alert per POST
 * @param maxAttempts    attempts per alert, the first included
 * @param initialBackoff the wait before the second attempt; it doubles for each further attempt
 * @param maxBackoff     the longest wait between attempts
 * @param timeout        the longest one attempt may take, connection and response included
 * @param queueCapacity  alerts that may wait for delivery (retries included); beyond it an alert is not posted
 *                       (it is still logged) and counted as overflow
 * @param secret         when present, each body is signed: {@code X-Portcullis-Signature: sha256=<hex HMAC-SHA256>}
 */
public record WebhookSettings(URI url, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                              Duration timeout, int queueCapacity, Optional<String> secret) {

    public WebhookSettings {
        requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("url: '" + redact(url) + "' (expected: an http or https URL)");
        }
        attempts(maxAttempts);
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("timeout", timeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff: " + maxBackoff + " (expected: >= initialBackoff " + initialBackoff + ")");
        }
        capacity(queueCapacity);
        requireNonNull(secret, "secret");
        if (secret.isPresent() && secret.get().isEmpty()) {
            throw new IllegalArgumentException("secret: empty (expected: absent, or at least one character)");
        }
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** The URL without query or user info, safe to log. */
    public String redactedUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + redactedUrl() + ", maxAttempts=" + maxAttempts + ", initialBackoff="
                + initialBackoff + ", maxBackoff=" + maxBackoff + ", timeout=" + timeout + ", queueCapacity="
                + queueCapacity + ", secret=" + (secret.isPresent() ? "<redacted>" : "none") + "]";
    }

    private static String redact(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(relative)" : uri.getScheme() + ":...";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static int attempts(int v) {
        if (v < 1 || v > 100) {
            throw new IllegalArgumentException("maxAttempts: " + v + " (expected: 1..100)");
        }
        return v;
    }

    private static int capacity(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("queueCapacity: " + v + " (expected: >= 1)");
        }
        return v;
    }

    private static Duration positive(String name, Duration d) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
        return d;
    }

    /** Defaults: 5 attempts, backoff 1 s doubling to 60 s, 10 s per attempt, 1024 queued, no signature. */
    public static final class Builder {
        private final URI url;
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private Duration timeout = Duration.ofSeconds(10);
        private int queueCapacity = 1024;
        private Optional<String> secret = Optional.empty();

        private Builder(URI url) {
            this.url = requireNonNull(url, "url");
        }

        public Builder maxAttempts(int v) { maxAttempts = attempts(v); return this; }
        public Builder initialBackoff(Duration v) { initialBackoff = positive("initialBackoff", v); return this; }
        public Builder maxBackoff(Duration v) { maxBackoff = positive("maxBackoff", v); return this; }
        public Builder timeout(Duration v) { timeout = positive("timeout", v); return this; }
        public Builder queueCapacity(int v) { queueCapacity = capacity(v); return this; }
        public Builder secret(String v) { secret = Optional.of(requireNonNull(v, "secret")); return this; }

        public WebhookSettings build() {
            return new WebhookSettings(url, maxAttempts, initialBackoff, maxBackoff, timeout, queueCapacity, secret);
        }
    }
}
