package io.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FakeTimeTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456789Z");

    @Test
    void standsStillUntilAdvancedThenMovesClockAndTickerTogether() {
        FakeTime time = new FakeTime(T0);
        Clock clock = time.clock();
        Ticker ticker = time.ticker();
        long start = ticker.read();
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(ticker.read()).isEqualTo(start);

        time.advance(Duration.ofMillis(1500)).advance(Duration.ofNanos(1));

        assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500).plusNanos(1));
        assertThat(clock.millis()).isEqualTo(T0.plusMillis(1500).toEpochMilli());
        assertThat(ticker.read() - start).isEqualTo(1_500_000_001L);
    }

    @Test
    void steppingTheWallClockLeavesTheTickerAlone() {
        FakeTime time = new FakeTime(T0);
        long before = time.ticker().read();
        time.setInstant(T0.minus(Duration.ofHours(1)));
        assertThat(time.clock().instant()).isEqualTo(T0.minus(Duration.ofHours(1)));
        assertThat(time.ticker().read()).isEqualTo(before);
    }

    @Test
    void zonedViewsReadTheSameTime() {
        FakeTime time = new FakeTime(T0);
        Clock paris = time.clock().withZone(ZoneId.of("Europe/Paris"));
        time.advance(Duration.ofMinutes(5));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(time.instant()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void refusesToAdvanceBackwards() {
        assertThatThrownBy(() -> new FakeTime(T0).advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("d: PT-1S (expected: >= 0; setInstant steps the clock back)");
    }
}
