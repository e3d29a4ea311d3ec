package io.portcullis.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.runtime.reload.ReloadOutcome;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Connections that send half a request head and then wait hold the admin listener's threads only until the JDK's
 * server gives up on them ({@link HttpServerLimits}): a readiness probe is answered again within the bound, where
 * an adversarial test held it unanswered for as long as the connections stayed open.
 */
class AdminSlowRequestTest {

    @Test
    void halfSentRequestsAreClosedAndTheProbeIsAnsweredAgain() throws Exception {
        AdminServer.Status ready = new AdminServer.Status() {
            @Override
            public String notReady() {
                return null;
            }

            @Override
            public String plan() {
                return "sha256:0";
            }

            @Override
            public Optional<ReloadOutcome> lastReload() {
                return Optional.empty();
            }
        };
        try (AdminServer admin = new AdminServer(new InetSocketAddress("127.0.0.1", 0),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), ready)) {
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // more than the listener's threads
                Socket s = new Socket("127.0.0.1", admin.address().getPort());
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout((HttpServerLimits.MAX_REQUEST_SECONDS + 10) * 1000);
                slow.add(s);
            }
            long start = System.nanoTime();
            HttpResponse<String> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + admin.address().getPort() + "/readyz"))
                    .timeout(Duration.ofSeconds(HttpServerLimits.MAX_REQUEST_SECONDS * 3L)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(probe.statusCode()).isEqualTo(200);
            for (Socket s : slow) {
                try (s; InputStream in = s.getInputStream()) {
                    assertThat(in.read()).as("closed by the server, unanswered").isEqualTo(-1);
                } catch (SocketException reset) {
                    // closed by the server with a reset: as closed, and as unanswered
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(HttpServerLimits.MAX_REQUEST_SECONDS * 3L));
        }
    }
}
