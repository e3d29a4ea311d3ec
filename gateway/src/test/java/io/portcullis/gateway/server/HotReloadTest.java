package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.TlsSettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HotReloadTest {

    TestUpstream upstream;
    GatewayServer gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(settings(""), new TestGuards()).workerThreads(2).build().start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private GatewaySettings settings(String basePath) {
        return settings(basePath, 2);
    }

    private GatewaySettings settings(String basePath, long capacity) {
        return new GatewaySettings(List.of(api(basePath, capacity)));
    }

    private ApiSettings api(String basePath, long capacity) {
        int port = gateway == null ? 0 : gateway.port("orders");
        return ApiSettings.builder("orders", new InetSocketAddress("127.0.0.1", port),
                        URI.create(upstream.uri() + basePath))
                .routes(List.of(new RouteSettings("/limited", Set.of(), Optional.empty(), OptionalLong.empty(),
                                List.of(new RateLimitSettings(RateLimitKey.WORKLOAD, capacity, 1, Duration.ofHours(1)))),
                        RouteSettings.of("/**")))
                .build();
    }

    @Test
    void swapsUnderLoadWithoutAFailedRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (String from : List.of("127.0.0.2", "127.0.0.3", "127.0.0.5", "127.0.0.1")) {
            Thread t = new Thread(() -> {
                try (RawClient c = new RawClient(from, gateway.port("orders"))) {
                    while (running.get()) {
                        String response = c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
                        if (response.startsWith("HTTP/1.1 200")) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(response);
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
            t.start();
            clients.add(t);
        }
        for (int i = 0; i < 20; i++) {
            gateway.swap(settings(i % 2 == 0 ? "/v2" : ""));
            Thread.sleep(50);
        }
        running.set(false);
        for (Thread t : clients) {
            t.join(5000);
        }
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThan(20);
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).contains("target=/echo\n");
            gateway.swap(settings("/v2"));
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).contains("target=/v2/echo\n");
        }
    }

    @Test
    void rejectsAnInvalidSnapshotAndKeepsTheOldOne() throws Exception {
        ApiSettings broken = ApiSettings.builder("orders", new InetSocketAddress("127.0.0.1", gateway.port("orders")),
                upstream.uri()).tls(TlsSettings.serverOnly(Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem")))
                .build();
        assertThatThrownBy(() -> gateway.swap(new GatewaySettings(List.of(broken))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("apis.orders.tls: cannot build");
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void keepsBucketsOfAnUnchangedLimitAndStartsFreshOnesForAChangedLimit() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(get(c)).startsWith("HTTP/1.1 200");
            assertThat(get(c)).startsWith("HTTP/1.1 200");
            assertThat(get(c)).startsWith("HTTP/1.1 429");
            gateway.swap(settings("/v2", 2));
            assertThat(get(c)).as("unchanged limit keeps its empty bucket").startsWith("HTTP/1.1 429");
            gateway.swap(settings("/v2", 5));
            assertThat(get(c)).as("changed limit starts full").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void bindsAddedApisAndStopsRemovedOnes() throws Exception {
        ApiSettings extra = Gateways.api(upstream.uri()).build().withName("extra");
        gateway.swap(new GatewaySettings(List.of(api("", 2), extra)));
        int extraPort = gateway.port("extra");
        try (RawClient c = new RawClient("127.0.0.2", extraPort)) {
            assertThat(get(c)).startsWith("HTTP/1.1 200");
            gateway.swap(settings(""));
            assertThat(gateway.boundPorts()).containsOnlyKeys("orders");
            assertThat(get(c)).as("open connections finish on the old snapshot").startsWith("HTTP/1.1 200");
        }
        assertThatThrownBy(() -> new RawClient("127.0.0.2", extraPort)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aSnapshotWithAnAddressThatCannotBeBoundChangesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ApiSettings blocked = ApiSettings.builder("extra",
                    new InetSocketAddress("127.0.0.1", taken.getLocalPort()), upstream.uri()).build();
            assertThatThrownBy(() -> gateway.swap(new GatewaySettings(List.of(api("/v2", 2), blocked))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("apis.extra.listen: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageEndingWith("Address already in use");
        }
        assertThat(gateway.boundPorts()).containsOnlyKeys("orders");
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .as("the old snapshot (no /v2 base path) is still in force").contains("target=/echo");
        }
    }

    @Test
    void aRemovedApiHasStoppedAcceptingWhenTheSwapReturns() throws Exception {
        for (int i = 0; i < 20; i++) {
            gateway.swap(new GatewaySettings(List.of(api("", 2),
                    Gateways.api(upstream.uri()).build().withName("extra"))));
            int extraPort = gateway.port("extra");
            gateway.swap(settings(""));
            assertThatThrownBy(() -> new RawClient("127.0.0.2", extraPort).close())
                    .as("round %d", i).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void aRenamedApiKeepsItsFixedAddress() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        InetSocketAddress fixed = new InetSocketAddress("127.0.0.1", port);
        gateway.swap(new GatewaySettings(List.of(ApiSettings.builder("orders", fixed, upstream.uri()).build())));
        gateway.swap(new GatewaySettings(List.of(ApiSettings.builder("orders-v2", fixed, upstream.uri()).build())));
        assertThat(gateway.boundPorts()).containsOnlyKeys("orders-v2");
        try (RawClient c = new RawClient("127.0.0.2", port)) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    private static String get(RawClient c) throws Exception {
        return c.send("GET /limited HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
    }
}
