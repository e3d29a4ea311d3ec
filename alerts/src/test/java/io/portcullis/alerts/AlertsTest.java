package io.portcullis.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.testing.FakeTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final List<String> WEB = List.of("sg-web");

    private final DeliveryRecorder recorder = new DeliveryRecorder();
    private final FakeTime time = new FakeTime(Instant.parse("2025-01-14T09:30:00Z"));
    private final Clock clock = time.clock();
    private Alerts alerts;

    private void advance(Duration d) {
        time.advance(d);
    }

    /** A denial from 198.51.100.7 now. */
    private boolean deny() {
        return alerts.submit(AlertEvent.denial(clock.millis(), "orders", "198.51.100.7", WEB));
    }

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
    }

    @Test
    void concurrentSubmissionFromSeveralThreadsCountsExactly() throws Exception {
        int threads = 4;
        int perThread = 25_000;
        int total = threads * perThread;
        alerts = Alerts.builder().bufferCapacity(1 << 20).addSink(recorder).rules(List.of(
                new AlertRule("exact", RuleType.DENIALS_PER_SOURCE, total, MINUTE, MINUTE),
                new AlertRule("one-more", RuleType.DENIALS_PER_SOURCE, total + 1, MINUTE, MINUTE))).build();
        AlertEvent denial = AlertEvent.denial(clock.millis(), "orders", "198.51.100.7", WEB);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread loop = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    alerts.submit(denial);
                }
            }, "event-loop-" + t);
            loop.start();
            loops.add(loop);
        }
        go.countDown();
        for (Thread loop : loops) {
            loop.join();
        }
        alerts.flush().get();

        AlertStats stats = alerts.stats();
        assertThat(stats.dropped()).isZero();
        assertThat(stats.submitted()).isEqualTo(total);
        assertThat(stats.processed()).isEqualTo(total);
        assertThat(recorder.alerts).extracting(Alert::rule, Alert::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("exact", (long) total));
    }

    @Test
    void windowsSlideWithTheClockNotWithSleeping() throws Exception {
        alerts = Alerts.builder().addSink(recorder)
                .rules(List.of(new AlertRule("scanners", RuleType.DENIALS_PER_SOURCE, 3, MINUTE, MINUTE))).build();
        deny();
        deny();
        advance(Duration.ofMinutes(2));
        deny();
        deny();
        alerts.flush().get();
        assertThat(recorder.alerts).isEmpty();

        advance(Duration.ofSeconds(30));
        deny();
        alerts.flush().get();

        assertThat(recorder.alerts).extracting(Alert::count, Alert::firedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, clock.instant()));
    }

    @Test
    void operationalFailuresAlertWithoutAnyConfiguredRule() throws Exception {
        alerts = Alerts.builder().addSink(recorder).build();

        alerts.submit(AlertEvent.feedFailure(clock.millis(), "spamhaus-drop-v4", "malformed: no entries"));
        alerts.submit(AlertEvent.auditFailure(clock.millis(), "main", "No space left on device"));
        alerts.flush().get();

        assertThat(recorder.alerts).extracting(Alert::rule, Alert::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("feed-failure",
                        "feed spamhaus-drop-v4 failed to refresh, previous list kept: malformed: no entries"),
                org.assertj.core.groups.Tuple.tuple("audit-failure", "audit log main failed to write: No space left on device"));
    }

    @Test
    void updatedRulesKeepCountsOfAnUnchangedWindow() throws Exception {
        alerts = Alerts.builder().addSink(recorder)
                .rules(List.of(new AlertRule("scanners", RuleType.DENIALS_PER_SOURCE, 10, MINUTE, MINUTE))).build();
        deny();
        deny();
        alerts.flush().get();

        alerts.updateRules(List.of(new AlertRule("scanners", RuleType.DENIALS_PER_SOURCE, 3, MINUTE, MINUTE)));
        deny();
        alerts.flush().get();

        assertThat(recorder.alerts).extracting(Alert::count, Alert::threshold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 3L));
    }

    @Test
    void refusesEventsAfterClose() {
        alerts = Alerts.builder().build();
        alerts.close();
        assertThat(alerts.submit(AlertEvent.request(clock.millis(), "orders", "198.51.100.7"))).isFalse();
    }

    @Test
    void rejectsInvalidRulesWithWhatWasExpected() {
        assertThatThrownBy(() -> Alerts.builder().rules(List.of(AlertRule.of(RuleType.TRAFFIC_PER_API, 10, MINUTE),
                AlertRule.of(RuleType.TRAFFIC_PER_API, 20, MINUTE))))
                .hasMessage("rules: 'traffic-per-api' twice (expected: unique names)");
        assertThatThrownBy(() -> AlertRule.of(RuleType.DENIALS_PER_SOURCE, 0, MINUTE))
                .hasMessage("threshold: 0 (expected: >= 1)");
        assertThatThrownBy(() -> AlertRule.of(RuleType.DENIALS_PER_SOURCE, 5, Duration.ofMillis(10)))
                .hasMessage("window: PT0.01S (expected: PT1S to P7D for denials-per-source)");
        assertThatThrownBy(() -> new AlertRule("f", RuleType.FEED_FAILURE, 3, MINUTE, MINUTE))
                .hasMessage("feed-failure: threshold 3, window PT1M (expected: threshold 1 and no window; it fires on every event)");
        assertThatThrownBy(() -> new AlertRule("x y", RuleType.AUDIT_LAG, 3, MINUTE, MINUTE))
                .hasMessage("name: 'x y' (expected: letters, digits, '.', '_' or '-')");
        assertThatThrownBy(() -> new AlertRule("lag", RuleType.AUDIT_LAG, 3, MINUTE, Duration.ofSeconds(-1)))
                .hasMessage("cooldown: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> RuleType.of("denials")).hasMessage("type: 'denials' (expected: one of "
                + "denials-per-source, traffic-per-api, auth-failures-per-group, audit-lag, feed-failure, audit-failure)");
        assertThatThrownBy(() -> WebhookSettings.builder(java.net.URI.create("ftp://192.0.2.1/hook?k=v")).build())
                .hasMessage("url: 'ftp://192.0.2.1/hook' (expected: an http or https URL)");
        assertThatThrownBy(() -> WebhookSettings.builder(java.net.URI.create("http://192.0.2.1/")).maxAttempts(0))
                .hasMessage("maxAttempts: 0 (expected: 1..100)");
    }
}
