package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.reload.ConfigWatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node on the demo configuration: real upstream, real listeners, clients bound to the workloads' addresses. */
class NodeTest {

    private static final String TRADER = "127.0.1.11";
    private static final String LEGACY = "127.0.1.14";

    @TempDir
    Path dir;
    private DemoUpstream upstream;
    private Path config;
    private int port;
    private Node node;

    @BeforeEach
    void start() throws IOException {
        upstream = DemoUpstream.start();
        port = LoopbackClient.freePort();
        config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
        node = Node.builder(List.of(config)).build().start();
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void servesAdmittedWorkloadsAndClosesOnOthers() {
        assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).isEqualTo(200);
        assertThat(LoopbackClient.once(LEGACY, port, "/orders/1")).isEqualTo(-1);
    }

    @Test
    void aReloadThatEndsASourcesAdmissionClosesItsOpenConnections() throws Exception {
        String original = Files.readString(config);
        Files.writeString(config, original.replace("expires: \"2025-06-30T00:00:00Z\"", "expires: \"2999-01-01T00:00:00Z\""));
        assertThat(node.reload().applied()).isTrue();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(LEGACY, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            Files.writeString(config, original); // the rule that admits LEGACY has expired again
            assertThat(node.reload().applied()).isTrue();
            assertThat(in.read()).as("the idle keep-alive connection is closed by the reload").isEqualTo(-1);
        }
    }

    /** One response with a Content-Length body, as text. */
    private static String readResponse(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    @Test
    void reloadAppliesANewRuleAndAnInvalidOneChangesNothing() throws IOException {
        String original = Files.readString(config);
        Files.writeString(config, original.replace("expires: \"2025-06-30T00:00:00Z\"", "expires: \"2999-01-01T00:00:00Z\""));
        assertThat(node.reload().applied()).isTrue();
        assertThat(LoopbackClient.once(LEGACY, port, "/orders/1")).isEqualTo(200);

        Files.writeString(config, original.replace("ports: " + port + ", from: {group: sg-trading-clients}",
                "ports: " + port + ", from: {group: sg-nonexistent}"));
        Node.LoadResult rejected = node.reload();
        assertThat(rejected.applied()).isFalse();
        assertThat(rejected.problems()).singleElement().asString()
                .endsWith("securityGroups[0](sg-orders-api).ingress[0].from.group: unknown group '111111111111/sg-nonexistent' "
                        + "(expected: a group of a declared account in a VPC connected to vpc-acme)");
        assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).isEqualTo(200);
        assertThat(LoopbackClient.once(LEGACY, port, "/orders/1")).as("the last good configuration stays").isEqualTo(200);
    }

    @Test
    void aConfigurationThatCannotBeServedIsRejectedAtItsField() throws IOException {
        String original = Files.readString(config);
        Files.writeString(config, original.replaceFirst("    upstream: \"" + upstream.uri() + "\"\n",
                "    tls: {cert: missing.pem, key: missing.key}\n    upstream: \"" + upstream.uri() + "\"\n"));
        Node.LoadResult rejected = node.reload();
        assertThat(rejected.applied()).isFalse();
        int line = Files.readAllLines(config).indexOf("    tls: {cert: missing.pem, key: missing.key}") + 1;
        assertThat(rejected.problems()).containsExactly(
                config + ":" + line + ":11: apis[0](orders).tls.cert: '" + dir.resolve("missing.pem")
                        + "' does not exist (expected: a readable file)",
                config + ":" + line + ":30: apis[0](orders).tls.key: '" + dir.resolve("missing.key")
                        + "' does not exist (expected: a readable file)");
        assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).isEqualTo(200);
    }

    @Test
    void startRefusesAnApiWithoutUpstream() throws IOException {
        Path other = dir.resolve("other");
        Path file = DemoConfig.write(other, LoopbackClient.freePort(), LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
        Files.writeString(file, Files.readString(file).replaceFirst("    upstream: \"[^\"]+\"\n", ""));
        assertThatThrownBy(() -> Node.builder(List.of(file)).build().start())
                .isInstanceOf(Node.NodeStartException.class)
                .hasMessageEndingWith(": apis[0](orders).upstream: missing (expected: the URL of the service behind orders, "
                        + "to serve it)").hasMessageStartingWith(file + ":");
    }

    @Test
    void aSavedFileIsPickedUpByTheWatcher() throws Exception {
        try (ConfigWatcher watcher = new ConfigWatcher(List.of(config), Duration.ofMillis(50), node::reload)) {
            Files.writeString(config, Files.readString(config).replace("expires: \"2025-06-30T00:00:00Z\"", "expires: \"2999-01-01T00:00:00Z\""));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling an external effect (a file-system event), not synchronising threads
                status = LoopbackClient.once(LEGACY, port, "/orders/1");
            }
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void rateLimitStateCarriesOverAReloadThatKeepsTheLimit() throws IOException {
        // The demo's 5 per minute refills greedily, a token every 12 s, which a loaded machine may reach during these
        // requests and the reload. At 5 per hour the bucket stays empty for as long as the test runs.
        String hourly = Files.readString(config).replace("refillPeriod: 1m}", "refillPeriod: 1h}");
        assertThat(hourly).contains("refillPeriod: 1h}");
        Files.writeString(config, hourly);
        assertThat(node.reload().applied()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).isEqualTo(200);
        }
        assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).isEqualTo(429);
        Files.writeString(config, Files.readString(config).replace("trading desk clients", "trading desk clients (renamed)"));
        assertThat(node.reload().applied()).isTrue();
        assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).as("the bucket is still empty").isEqualTo(429);
    }

    @Test
    void reloadsUnderLoadFailNoRequest() throws Exception {
        String original = Files.readString(config).replace("capacity: 5, refillTokens: 5", "capacity: 1000000, refillTokens: 1000000");
        Files.writeString(config, original);
        assertThat(node.reload().applied()).isTrue();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> clients = new ArrayList<>();
        for (String from : List.of("127.0.1.11", "127.0.2.21", "127.0.1.12")) {
            Thread t = new Thread(() -> {
                try (LoopbackClient c = new LoopbackClient(from, port)) {
                    while (running.get()) {
                        int s = c.get("/health");
                        if (s != 200) {
                            failure.compareAndSet(null, from + " got " + s + " after " + ok.get() + " good responses");
                            return;
                        }
                        ok.incrementAndGet();
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, from + ": " + e);
                }
            });
            t.start();
            clients.add(t);
        }
        // each reload changes a rule description and a limit
        for (int i = 0; i < 20 && failure.get() == null; i++) {
            Files.writeString(config, original.replace("trading desk clients", "trading desk clients v" + i)
                    .replace("maxBodyBytes: 64KiB", "maxBodyBytes: " + (64 + i) + "KiB"));
            assertThat(node.reload().applied()).isTrue();
        }
        running.set(false);
        for (Thread t : clients) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(ok.get()).isPositive();
    }

}
