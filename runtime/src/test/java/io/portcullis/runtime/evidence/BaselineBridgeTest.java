package io.portcullis.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.alerts.Alert;
import io.portcullis.alerts.baseline.BaselineSettings;
import io.portcullis.alerts.baseline.TrafficBaseline;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.testing.FakeTime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bridge counts each request in its own time, off the caller's thread: a principal's first DELETE two days after
 * it was first seen alerts, and an assurance probe (whose path no route holds) is left out.
 */
class BaselineBridgeTest {

    private static final Instant DAY_0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Decision ALLOW = Decision.allow(new Reason(Layer.IDENTITY, "jwt-valid"), "", "");
    private final FakeTime time = new FakeTime(DAY_0);
    private final BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();

    @Test
    void alertsOnARouteNewToAPrincipalAndLeavesProbesOut() throws Exception {
        try (BaselineBridge bridge = new BaselineBridge(new TrafficBaseline(BaselineSettings.DEFAULTS, time.clock(), alerts::add))) {
            bridge.onRequest(event(DAY_0, "GET", "/orders/{id}", false));
            bridge.onRequest(event(DAY_0.plusSeconds(1), "POST", "/orders", false));
            Instant later = DAY_0.plus(Duration.ofDays(2));
            time.setInstant(later);
            bridge.onRequest(event(later, "GET", null, true));
            bridge.onRequest(event(later.plusSeconds(1), "DELETE", "/orders/{id}", false));

            Alert a = alerts.poll(20, TimeUnit.SECONDS);
            assertThat(a).isNotNull();
            assertThat(a.key()).isEqualTo("new-route: principal arn:aws:iam::111111111111:role/alice");
            assertThat(a.detail()).contains("called DELETE /orders/{id} on orders: expected one of the 2 calls it made since "
                    + DAY_0 + " (GET /orders/{id} on orders, POST /orders on orders)");
            assertThat(a.firedAt()).isEqualTo(later.plusSeconds(1));
            assertThat(bridge.dropped()).isZero();
        }
    }

    private static RequestEvent event(Instant at, String method, String route, boolean probe) throws Exception {
        InetAddress address = InetAddress.getByName("127.0.1.11");
        Source source = new Source("vpc-trading", "", address, "trader-1", "111111111111", List.of("111111111111/sg-traders"));
        Authorization auth = Authorization.allow(ALLOW, "arn:aws:iam::111111111111:role/alice", "alice", "https://idp.test");
        return new RequestEvent(at, "r1", 1, "orders", route, method, probe ? "/.well-known/portcullis-probe" : "/orders/1",
                source, new InetSocketAddress(address, 40000), Decision.allow(new Reason(Layer.NETWORK, "security-group-rule"),
                "111111111111/sg-api ingress[0]", ""), null, auth, ALLOW, 200, 0, 0, 1000, RequestEvent.Outcome.COMPLETED,
                null, "HTTP/1.1", false, "", probe);
    }
}
