package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.runtime.autoblock.BlockSharing;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.evidence.AdminServer;
import io.portcullis.runtime.plan.NodePlan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console served on the admin listener stays served when a reload moves that listener, whichever comes first:
 * the console's mount, or the reload binding the new listener (before the reload commits).
 */
class AdminConsoleMountTest {

    @TempDir
    Path dir;

    @Test
    void aConsoleMountedWhileAReloadIsPreparedIsServedByTheNewAdminListener() throws Exception {
        int first = LoopbackClient.freePort();
        int second = LoopbackClient.freePort();
        try (NodeServices services = NodeServices.start(plan(first), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new InMemoryBlocklist(), key -> List.of(),
                AdminServer.Status.of(() -> null, () -> "sha256:test", Optional::empty), Clock.systemUTC(),
                BlockSharing.NONE)) {
            NodeServices.Change moved = services.prepare(plan(second)); // the new admin listener is bound: no console yet
            services.mountOnAdmin(ex -> {
                byte[] body = "console\n".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                try (var out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            assertThat(get(services.adminAddress(), "/sign-in")).isEqualTo("200 console\n");

            moved.commit().run();

            assertThat(services.adminAddress().getPort()).isEqualTo(second);
            assertThat(get(services.adminAddress(), "/sign-in")).isEqualTo("200 console\n");
            assertThat(get(services.adminAddress(), "/readyz")).startsWith("200");
        }
    }

    private NodePlan plan(int adminPort) throws Exception {
        Path config = DemoConfig.write(dir, LoopbackClient.freePort(), LoopbackClient.freePort(), LoopbackClient.freePort(),
                URI.create("http://127.0.0.1:9")).file();
        Files.writeString(config, Files.readString(config) + "admin: {listen: \"127.0.0.1:" + adminPort + "\"}\n");
        try (PlanCompiler compiler = PlanCompiler.create()) {
            return compiler.compile(List.of(config)).plan().orElseThrow().node();
        }
    }

    private static String get(InetSocketAddress admin, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + admin.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
