package io.portcullis.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shadow report} against a running node's admin listener: its text and its exit codes. */
class ShadowReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsTheDifferencesWithEachSidesPathAndExitsOne() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int orders = freePort();
            int admin = freePort();
            Path live = DemoConfig.write(dir.resolve("live"), orders, freePort(), freePort(), upstream.uri()).file();
            Files.writeString(live, Files.readString(live) + "admin: {listen: \"127.0.0.1:" + admin + "\"}\n");
            Path candidate = Files.createDirectories(dir.resolve("candidate")).resolve("demo.yaml");
            Files.copy(live.resolveSibling("demo-jwks.json"), candidate.resolveSibling("demo-jwks.json"));
            Files.writeString(candidate, Files.readString(live).replace("from: {group: \"222222222222/sg-reporting\"}",
                    "from: {group: sg-batch}"));
            try (Node node = Node.builder(List.of(live)).shadow(List.of(candidate)).build().start()) {
                assertThat(node.shadowProblems()).isEmpty();
                assertThat(get("127.0.2.21", orders, "/orders/1?token=secret")).startsWith("HTTP/1.1 200");
                assertThat(get("127.0.1.11", orders, "/orders/1")).startsWith("HTTP/1.1 200");
                CliRun run = awaitSamples(admin, 2);
                assertThat(run.code()).as(run.err()).isEqualTo(1);
                assertThat(run.out()).contains("candidate: shadowing " + "sha256:")
                        .contains("compared:  2 connection, 2 request\n")
                        .containsPattern("connection +orders +network +allow +deny +no-matching-rule +1\n")
                        .containsPattern("request +orders +network +allow +deny +no-matching-rule +1\n")
                        .contains("request orders from 127.0.2.21@vpc-globex: GET /orders/1\n")
                        .contains("path: address 127.0.2.21 (workload reporting-1) → member of 222222222222/sg-reporting")
                        .doesNotContain("secret");
                assertThat(CliRun.of("shadow", "report", "--admin", "127.0.0.1:" + admin, "--format", "json").out())
                        .startsWith("{\"candidate\":{\"state\":\"shadowing\"");
            }
        }
    }

    @Test
    void aNodeWithoutShadowIsAnErrorExitTwo() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int admin = freePort();
            Path live = DemoConfig.write(dir, freePort(), freePort(), freePort(), upstream.uri()).file();
            Files.writeString(live, Files.readString(live) + "admin: {listen: \"127.0.0.1:" + admin + "\"}\n");
            try (Node node = Node.builder(List.of(live)).build().start()) {
                assertThat(node.shadow()).isEmpty();
                CliRun run = CliRun.of("shadow", "report", "--admin", "127.0.0.1:" + admin);
                assertThat(run.code()).isEqualTo(2);
                assertThat(run.err()).isEqualTo("error: http://127.0.0.1:" + admin
                        + "/shadow answered 404: no shadow: the node was started without --shadow\n");
            }
        }
    }

    private static CliRun awaitSamples(int admin, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        CliRun run = CliRun.of("shadow", "report", "--admin", "127.0.0.1:" + admin);
        while (!run.out().contains("samples (latest " + n) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            run = CliRun.of("shadow", "report", "--admin", "127.0.0.1:" + admin);
        }
        return run;
    }

    /** One request from {@code from} (a workload's loopback address); the response head and body. */
    private static String get(String from, int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
