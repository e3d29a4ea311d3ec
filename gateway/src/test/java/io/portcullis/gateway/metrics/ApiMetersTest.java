package io.portcullis.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.time.Ticker;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiMetersTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ApiMeters meters = new GatewayMetrics(registry, Ticker.system())
            .api(Gateways.api(URI.create("http://127.0.0.1:1")).build());

    double decisions(String stage, String verdict, String layer, String reason) {
        return registry.get(GatewayMetrics.DECISIONS).tag("api", "orders").tag("stage", stage).tag("verdict", verdict)
                .tag("layer", layer).tag("reason", reason).counter().count();
    }

    @Test
    void countsEqualReasonsTogetherHoweverManyInstancesAndReasonsThereAre() {
        int reasons = ReasonCounters.INSTANCES + 4;
        Decision limited = Decision.deny(new Reason(Layer.TRAFFIC, "rate-limited"), "", "");
        for (int i = 0; i < reasons; i++) {
            meters.requestDecision(Decision.allow(new Reason(Layer.POLICY, "code-" + i), "", ""));
            meters.requestDecision(Decision.deny(new Reason(Layer.TRAFFIC, "rate-limited"), "", ""));
            meters.requestDecision(limited);
        }
        for (int i = 0; i < reasons; i++) {
            assertThat(decisions("request", "allow", "policy", "code-" + i)).as("code-" + i).isEqualTo(1.0);
        }
        assertThat(decisions("request", "deny", "traffic", "rate-limited")).isEqualTo(2.0 * reasons);
        meters.connectionDecision(limited);
        assertThat(decisions("connection", "deny", "traffic", "rate-limited")).isEqualTo(1.0);
        assertThat(decisions("request", "deny", "traffic", "rate-limited")).isEqualTo(2.0 * reasons);
    }
}
