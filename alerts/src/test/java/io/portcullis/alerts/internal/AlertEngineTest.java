package io.portcullis.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.alerts.Alert;
import io.portcullis.alerts.AlertEvent;
import io.portcullis.alerts.AlertRule;
import io.portcullis.alerts.RuleType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules over explicit event times: windows slide and cooldowns pass without any sleeping. */
class AlertEngineTest {

    private static final long T0 = 1_736_847_000_000L;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final List<String> WEB = List.of("sg-web");

    private final Counters counters = new Counters();
    private final List<Alert> fired = new ArrayList<>();

    /** A denial of a call to {@code orders} from {@code source}, {@code at} ms after T0. */
    private static AlertEvent deny(long at, String source) {
        return AlertEvent.denial(T0 + at, "orders", source, WEB);
    }

    private AlertEngine engine(int maxKeys, AlertRule... rules) {
        return new AlertEngine(List.of(rules), maxKeys, counters);
    }

    private static AlertRule denials(long threshold, Duration cooldown) {
        return new AlertRule("scanners", RuleType.DENIALS_PER_SOURCE, threshold, MINUTE, cooldown);
    }

    @Test
    void firesWhenDenialsFromOneSourceReachTheThreshold() {
        AlertEngine engine = engine(100, denials(3, MINUTE));
        engine.process(deny(0, "198.51.100.7"), fired::add);
        engine.process(deny(1000, "203.0.113.9"), fired::add);
        engine.process(deny(2000, "198.51.100.7"), fired::add);
        assertThat(fired).isEmpty();

        engine.process(AlertEvent.denial(T0 + 3000, "billing", "198.51.100.7", WEB), fired::add);

        assertThat(fired).containsExactly(new Alert("scanners", RuleType.DENIALS_PER_SOURCE, "198.51.100.7", 3, 3,
                MINUTE, Instant.ofEpochMilli(T0 + 3000), "3 denials from 198.51.100.7 within PT1M (threshold 3)"));
        assertThat(counters.fired()).isEqualTo(1);
    }

    @Test
    void eventsThatSlidOutOfTheWindowNoLongerCount() {
        AlertEngine engine = engine(100, denials(3, Duration.ZERO));
        engine.process(deny(0, "198.51.100.7"), fired::add);
        engine.process(deny(20_000, "198.51.100.7"), fired::add);
        engine.process(deny(70_000, "198.51.100.7"), fired::add);
        assertThat(fired).as("the first denial left the window").isEmpty();

        engine.process(deny(71_000, "198.51.100.7"), fired::add);
        assertThat(fired).extracting(Alert::count).containsExactly(3L);
    }

    @Test
    void cooldownSuppressesTheSameRuleAndKeyThenLetsItFireAgain() {
        AlertEngine engine = engine(100, denials(2, Duration.ofMinutes(5)));
        for (int i = 0; i < 10; i++) {
            engine.process(deny(i * 1000, "198.51.100.7"), fired::add);
        }
        engine.process(deny(10_000, "203.0.113.9"), fired::add);
        engine.process(deny(11_000, "203.0.113.9"), fired::add);
        assertThat(fired).extracting(Alert::key).containsExactly("198.51.100.7", "203.0.113.9");
        assertThat(counters.suppressed()).isEqualTo(8);

        engine.process(deny(301_000, "198.51.100.7"), fired::add);
        engine.process(deny(302_000, "198.51.100.7"), fired::add);
        assertThat(fired).extracting(Alert::key).containsExactly("198.51.100.7", "203.0.113.9", "198.51.100.7");
        assertThat(fired.get(2).firedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 302_000));
    }

    @Test
    void theKeyCapEvictsTheLeastRecentlySeenKey() {
        AlertEngine engine = engine(3, denials(2, MINUTE));
        engine.process(deny(0, "192.0.2.1"), fired::add);
        engine.process(deny(1, "192.0.2.2"), fired::add);
        engine.process(deny(2, "192.0.2.3"), fired::add);
        engine.process(deny(3, "192.0.2.1"), fired::add);
        fired.clear();

        engine.process(deny(4, "192.0.2.4"), fired::add);
        assertThat(engine.trackedKeys("scanners")).isEqualTo(3);
        assertThat(counters.evictedKeys()).isEqualTo(1);

        engine.process(deny(5, "192.0.2.2"), fired::add);
        assertThat(fired).as("192.0.2.2 was evicted and starts from zero").isEmpty();
        engine.process(deny(6, "192.0.2.3"), fired::add);
        assertThat(fired).as("192.0.2.3 was evicted when 192.0.2.2 came back").isEmpty();
        assertThat(counters.evictedKeys()).isEqualTo(3);
    }

    @Test
    void trafficPerApiCountsAdmittedAndDeniedRequests() {
        AlertEngine engine = engine(100, new AlertRule("busy", RuleType.TRAFFIC_PER_API, 3, MINUTE, MINUTE));
        engine.process(AlertEvent.request(T0, "orders", "198.51.100.7"), fired::add);
        engine.process(deny(1, "203.0.113.9"), fired::add);
        engine.process(AlertEvent.authFailure(T0 + 2, "orders", "203.0.113.9", WEB), fired::add);
        engine.process(AlertEvent.request(T0 + 3, "billing", "198.51.100.7"), fired::add);
        assertThat(fired).isEmpty();

        engine.process(AlertEvent.request(T0 + 4, "orders", "198.51.100.8"), fired::add);
        assertThat(fired).extracting(Alert::key, Alert::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders",
                        "3 requests to orders within PT1M (threshold 3)"));
    }

    @Test
    void authFailuresCountTowardsEveryGroupOfTheCaller() {
        AlertEngine engine = engine(100, new AlertRule("bad-tokens", RuleType.AUTH_FAILURES_PER_GROUP, 2, MINUTE,
                MINUTE));
        engine.process(AlertEvent.authFailure(T0, "orders", "10.0.1.5", List.of("sg-web", "sg-batch")), fired::add);
        engine.process(AlertEvent.authFailure(T0 + 1, "orders", "10.0.1.6", List.of("sg-web")), fired::add);
        engine.process(AlertEvent.authFailure(T0 + 2, "orders", "10.0.9.9", List.of()), fired::add);
        engine.process(AlertEvent.authFailure(T0 + 3, "orders", "10.0.9.8", List.of()), fired::add);

        assertThat(fired).extracting(Alert::key).containsExactly("sg-web", "(no group)");
        assertThat(fired.get(0).detail()).isEqualTo("2 authentication failures in group sg-web within PT1M (threshold 2)");
    }

    @Test
    void auditLagFiresOnlyWhenItLastsTheWholeWindow() {
        AlertEngine engine = engine(100, new AlertRule("audit-behind", RuleType.AUDIT_LAG, 1000, MINUTE,
                Duration.ofMinutes(10)));
        engine.process(AlertEvent.auditLag(T0, "", 5000), fired::add);
        engine.process(AlertEvent.auditLag(T0 + 30_000, "", 5000), fired::add);
        engine.process(AlertEvent.auditLag(T0 + 40_000, "", 10), fired::add);
        engine.process(AlertEvent.auditLag(T0 + 70_000, "", 5000), fired::add);
        assertThat(fired).as("the lag recovered in between").isEmpty();

        engine.process(AlertEvent.auditLag(T0 + 130_000, "", 7000), fired::add);
        assertThat(fired).containsExactly(new Alert("audit-behind", RuleType.AUDIT_LAG, "audit", 7000, 1000, MINUTE,
                Instant.ofEpochMilli(T0 + 130_000), "audit log audit is 7000 behind, at or above 1000 for PT1M"));
    }

    @Test
    void auditLagWithNoWindowFiresAtOnce() {
        AlertEngine engine = engine(100, new AlertRule("audit-behind", RuleType.AUDIT_LAG, 1000, Duration.ZERO,
                MINUTE));
        engine.process(AlertEvent.auditLag(T0, "main", 999), fired::add);
        engine.process(AlertEvent.auditLag(T0 + 1, "main", 1000), fired::add);
        assertThat(fired).extracting(Alert::key, Alert::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("main", 1000L));
    }

    @Test
    void operationalFailuresFireAtOncePerKeyWithinTheirCooldown() {
        AlertEngine engine = engine(100, AlertRule.passthrough(RuleType.FEED_FAILURE, MINUTE),
                AlertRule.passthrough(RuleType.AUDIT_FAILURE, MINUTE));
        engine.process(AlertEvent.feedFailure(T0, "spamhaus-drop-v4", "HTTP 500"), fired::add);
        engine.process(AlertEvent.feedFailure(T0 + 1000, "spamhaus-drop-v4", "HTTP 500"), fired::add);
        engine.process(AlertEvent.feedFailure(T0 + 2000, "firehol", "timed out"), fired::add);
        engine.process(AlertEvent.auditFailure(T0 + 3000, "", "No space left on device"), fired::add);

        assertThat(fired).extracting(Alert::key, Alert::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spamhaus-drop-v4",
                        "feed spamhaus-drop-v4 failed to refresh, previous list kept: HTTP 500"),
                org.assertj.core.groups.Tuple.tuple("firehol", "feed firehol failed to refresh, previous list kept: timed out"),
                org.assertj.core.groups.Tuple.tuple("audit", "audit log audit failed to write: No space left on device"));
        assertThat(counters.suppressed()).isEqualTo(1);
    }

    @Test
    void newRulesKeepTheCountsOfAnUnchangedWindowAndStartOthersEmpty() {
        AlertEngine engine = engine(100, denials(5, MINUTE),
                new AlertRule("busy", RuleType.TRAFFIC_PER_API, 3, MINUTE, MINUTE));
        for (int i = 0; i < 2; i++) {
            engine.process(deny(i, "198.51.100.7"), fired::add);
        }
        AlertEngine next = engine.withRules(List.of(denials(3, MINUTE),
                new AlertRule("busy", RuleType.TRAFFIC_PER_API, 3, Duration.ofMinutes(2), MINUTE)));

        next.process(deny(2, "198.51.100.7"), fired::add);

        assertThat(fired).extracting(Alert::rule, Alert::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("scanners", 3L));
        assertThat(next.trackedKeys("busy")).as("a changed window starts empty").isEqualTo(1);
    }
}
