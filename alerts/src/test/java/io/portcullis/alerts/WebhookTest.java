package io.portcullis.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.alerts.internal.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final long T0 = Instant.parse("2025-01-14T09:30:00Z").toEpochMilli();

    private final DeliveryRecorder recorder = new DeliveryRecorder();
    private WebhookServer server;
    private Alerts alerts;

    @BeforeEach
    void start() throws Exception {
        server = new WebhookServer();
    }

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
        server.close();
    }

    private WebhookSettings.Builder webhook() {
        return WebhookSettings.builder(server.uri("/hooks/portcullis"))
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5));
    }

    private Alerts alerts(WebhookSettings settings, AlertRule... rules) {
        return Alerts.builder().rules(List.of(rules)).webhook(settings).deliveryListener(recorder).addSink(recorder)
                .build();
    }

    @Test
    void postsEachAlertAsSignedJson() throws Exception {
        alerts = alerts(webhook().secret("hook-secret").build(),
                new AlertRule("scanners", RuleType.DENIALS_PER_SOURCE, 2, Duration.ofMinutes(1), Duration.ofMinutes(1)));

        alerts.submit(AlertEvent.denial(T0, "orders", "198.51.100.7", List.of("sg-web")));
        alerts.submit(AlertEvent.denial(T0 + 1000, "orders", "198.51.100.7", List.of("sg-web")));

        WebhookServer.Received post = server.next();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("rule", "scanners");
        expected.put("type", "denials-per-source");
        expected.put("key", "198.51.100.7");
        expected.put("count", 2);
        expected.put("threshold", 2);
        expected.put("window", "PT1M");
        expected.put("firedAt", "2025-01-14T09:30:01Z");
        expected.put("detail", "2 denials from 198.51.100.7 within PT1M (threshold 2)");
        Map<String, Object> received = new ObjectMapper().readValue(post.body(), new TypeReference<>() {});
        assertThat(received).containsExactlyEntriesOf(expected);
        assertThat(post.path()).isEqualTo("/hooks/portcullis");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(post.signature()).isEqualTo("sha256=" + hmacSha256Hex("hook-secret", post.body()));
        assertThat(recorder.nextOutcome()).isEqualTo("delivered 198.51.100.7 after 1");
        assertThat(alerts.stats().delivered()).isEqualTo(1);
    }

    @Test
    void signsWithHmacSha256AsInRfc4231() {
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertThat(new WebhookSigner("Jefe").sign(data))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void sendsNoSignatureWithoutASecret() throws Exception {
        alerts = alerts(webhook().build());
        alerts.submit(AlertEvent.feedFailure(T0, "spamhaus", "HTTP 500"));
        assertThat(server.next().signature()).isNull();
    }

    @Test
    void retriesAfterServerErrorsThenSucceeds() throws Exception {
        server.answer(204, 500, 502);
        alerts = alerts(webhook().maxAttempts(5).build());

        alerts.submit(AlertEvent.feedFailure(T0, "spamhaus", "HTTP 500"));

        assertThat(recorder.nextOutcome()).isEqualTo("delivered spamhaus after 3");
        List<WebhookServer.Received> posts = List.of(server.next(), server.next(), server.next());
        assertThat(posts).extracting(WebhookServer.Received::attempt).containsExactly("1", "2", "3");
        assertThat(posts).extracting(WebhookServer.Received::deliveryId).containsOnly(posts.get(0).deliveryId());
        assertThat(posts).extracting(WebhookServer.Received::text).containsOnly(posts.get(0).text());
        AlertStats stats = alerts.stats();
        assertThat(stats.deliveryRetries()).isEqualTo(2);
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.deliveryFailures()).isZero();
    }

    @Test
    void givesUpAfterTheLastAttemptAndCountsIt() throws Exception {
        server.answer(503);
        alerts = alerts(webhook().maxAttempts(3).build());

        alerts.submit(AlertEvent.feedFailure(T0, "spamhaus", "HTTP 500"));

        assertThat(recorder.nextOutcome()).isEqualTo("gave up spamhaus after 3: HTTP 503");
        assertThat(server.received).hasSize(3);
        assertThat(alerts.stats().deliveryFailures()).isEqualTo(1);
        assertThat(alerts.stats().deliveryRetries()).isEqualTo(2);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        server.answer(400);
        alerts = alerts(webhook().maxAttempts(5).build());

        alerts.submit(AlertEvent.feedFailure(T0, "spamhaus", "HTTP 500"));

        assertThat(recorder.nextOutcome()).isEqualTo("gave up spamhaus after 1: HTTP 400");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void aFullDeliveryQueueCountsOverflowInsteadOfWaiting() throws Exception {
        CountDownLatch release = server.hold();
        alerts = alerts(webhook().queueCapacity(1).build());

        alerts.submit(AlertEvent.feedFailure(T0, "a", "HTTP 500"));
        alerts.submit(AlertEvent.feedFailure(T0, "b", "HTTP 500"));
        alerts.submit(AlertEvent.feedFailure(T0, "c", "HTTP 500"));
        alerts.flush().get();

        assertThat(alerts.stats().deliveryOverflow()).isEqualTo(2);
        assertThat(List.of(recorder.nextOutcome(), recorder.nextOutcome()))
                .containsExactlyInAnyOrder("overflowed b", "overflowed c");
        assertThat(recorder.alerts).extracting(Alert::key).containsExactly("a", "b", "c");
        release.countDown();
        assertThat(recorder.nextOutcome()).isEqualTo("delivered a after 1");
    }

    @Test
    void neverShowsTheSecretOrTheUrlQuery() {
        WebhookSettings settings = WebhookSettings.builder(server.uri("/hooks?token=t0ken")).secret("hook-secret")
                .build();
        assertThat(settings.toString()).doesNotContain("hook-secret").doesNotContain("t0ken")
                .contains("secret=<redacted>").contains(server.uri("/hooks").toString());
    }

    private static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
