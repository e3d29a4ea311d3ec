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
}
