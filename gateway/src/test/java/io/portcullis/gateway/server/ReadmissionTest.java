package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.guard.ConnectionGuard;
import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.guard.Readmission;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.FakeTicker;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.H2Client;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission is not only a fact of the accept: a connection whose source lost admission (a reload removed its
 * rule, a window closed, a block) gets no further request through, and an idle one is closed.
 */
class ReadmissionTest {

    /** The test guard, less the addresses a test revokes. */
    static final Set<String> revoked = ConcurrentHashMap.newKeySet();
    static final InMemoryBlocklist blocklist = new InMemoryBlocklist();
    /** The gateway's ticker: an admission stays current until the test moves it on. */
    static final FakeTicker ticker = new FakeTicker();
    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        TestGuards guards = new TestGuards();
        ConnectionGuard guard = (api, address, vpce, now) -> revoked.contains(address.getHostAddress())
                ? new Admission(Decision.deny(TestGuards.NO_RULE, "", "revoked by the test"),
                        new Source("vpc-1", vpce, address, "", "111111111111", List.of()))
                : guards.admit(api, address, vpce, now);
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).build())), guard)
                .blocklist(blocklist).ticker(ticker).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @AfterEach
    void restore() {
        revoked.clear();
        blocklist.replaceSource("test", List.of());
    }

    private static final String GET = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void refusesTheNextRequestOnAConnectionWhoseRuleWasRemovedAndClosesIt() throws Exception {
        long before = gateway.rejections().count(TestGuards.NO_RULE);
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send(GET).readResponse()).startsWith("HTTP/1.1 200");
            revoked.add("127.0.0.2"); // as a schedule window closing would: no reload tells the gateway
            assertThat(c.send(GET).readResponse()).as("the admission is taken as current for a while")
                    .startsWith("HTTP/1.1 200");
            ticker.advance(Duration.ofNanos(Readmission.GUARD_EVERY_NANOS));
            assertThat(c.send(GET).readUntilClose()).startsWith("HTTP/1.1 403").containsIgnoringCase("connection: close");
        }
        assertThat(gateway.rejections().count(TestGuards.NO_RULE)).isEqualTo(before + 1);
    }

    @Test
    void refusesTheNextRequestOfASourceBlockedAfterItWasAdmitted() throws Exception {
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            assertThat(c.send(GET).readResponse()).startsWith("HTTP/1.1 200");
            blocklist.replaceSource("test", List.of(Cidr.of(InetAddress.getByName("127.0.0.3"))));
            assertThat(c.send(GET).readUntilClose()).startsWith("HTTP/1.1 403");
        }
        assertThat(gateway.rejections().count(GuardReasons.BLOCKLISTED)).isPositive();
    }

    @Test
    void closesAnIdleConnectionThatLostAdmissionWhenConnectionsAreRevalidated() throws Exception {
        try (RawClient c = new RawClient("127.0.0.5", gateway.port("orders"))) {
            assertThat(c.send(GET).readResponse()).startsWith("HTTP/1.1 200");
            revoked.add("127.0.0.5");
            gateway.revalidate(); // also runs every few seconds, and after every swap
            long start = System.nanoTime();
            assertThat(c.readUntilClose()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void keepsAnIdleConnectionThatIsStillAdmitted() throws Exception {
        try (RawClient c = new RawClient("127.0.0.7", gateway.port("orders"))) {
            assertThat(c.send(GET).readResponse()).startsWith("HTTP/1.1 200");
            gateway.revalidate();
            Thread.sleep(200);
            assertThat(c.send(GET).readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void refusesTheNextStreamOnAnHttp2ConnectionThatLostAdmissionAndClosesIt() throws Exception {
        try (H2Client client = new H2Client("127.0.0.8", gateway.port("orders"))) {
            assertThat(client.exchange("GET", "/x", null).get(5, TimeUnit.SECONDS)).startsWith("200\n");
            revoked.add("127.0.0.8");
            ticker.advance(Duration.ofNanos(Readmission.GUARD_EVERY_NANOS));
            assertThat(client.exchange("GET", "/x", null).get(5, TimeUnit.SECONDS)).startsWith("403\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (client.isActive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.isActive()).as("the connection, not only the stream, is closed").isFalse();
        }
    }
}
