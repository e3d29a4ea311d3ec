package io.portcullis.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.guard.GuardReasons;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RejectionsTest {

    @Test
    void countsByReasonAndExportsTaggedCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Rejections rejections = new Rejections(registry);
        java.util.List<String> heard = new java.util.ArrayList<>();
        rejections.addListener((decision, peer) -> heard.add(decision.reason().toString()));
        Decision blocked = Decision.deny(GuardReasons.BLOCKLISTED, "blocklist feed", "test");
        rejections.record(blocked, new InetSocketAddress("127.0.0.9", 1));
        rejections.record(blocked, null);
        assertThat(rejections.count(GuardReasons.BLOCKLISTED)).isEqualTo(2);
        assertThat(rejections.count(GuardReasons.TOO_MANY_CONNECTIONS)).isZero();
        assertThat(heard).containsExactly("network/blocklisted", "network/blocklisted");
        assertThat(registry.get("portcullis.refusals").tag("layer", "network").tag("reason", "blocklisted")
                .functionCounter().count()).isEqualTo(2.0);
    }

    @Test
    void logsAtMostTheBudgetPerReasonAndSecondButCountsEveryRefusal() {
        long[] now = {0};
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Rejections rejections = new Rejections(registry, () -> now[0]);
        Decision flood = Decision.deny(GuardReasons.BLOCKLISTED, "blocklist feed", "test");
        Decision other = Decision.deny(GuardReasons.TOO_MANY_CONNECTIONS, "limits", "test");
        for (int i = 0; i < 1000; i++) {
            rejections.record(flood, null);
        }
        rejections.record(other, null);
        assertThat(rejections.count(GuardReasons.BLOCKLISTED)).isEqualTo(1000);
        assertThat(rejections.unlogged(GuardReasons.BLOCKLISTED)).isEqualTo(1000 - Rejections.LINES_PER_SECOND);
        assertThat(rejections.unlogged(GuardReasons.TOO_MANY_CONNECTIONS)).as("another reason has its own budget")
                .isZero();
        now[0] += 1_000_000_000L;
        rejections.record(flood, null);
        assertThat(rejections.unlogged(GuardReasons.BLOCKLISTED)).as("a new second, a new budget")
                .isEqualTo(1000 - Rejections.LINES_PER_SECOND);
        assertThat(registry.get("portcullis.refusals.unlogged").tag("reason", "blocklisted").functionCounter()
                .count()).isEqualTo(1000.0 - Rejections.LINES_PER_SECOND);
    }
}
