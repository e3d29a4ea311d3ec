package io.portcullis.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.merkle.MerkleHasher;
import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.Main;
import io.portcullis.cli.StandardOutput;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code audit search} and {@code audit export} on a log written by a running node: requests and a refused
 * connection made from the demo workloads' loopback addresses, then read back by who made them and how they were
 * decided, exported to a file and to a socket, and proven by {@code audit prove}.
 */
class AuditReadCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path log;

    @BeforeAll
    static void aNodeWritesTheLog() throws Exception {
        CliRun keygen = CliRun.of("audit", "keygen", "--out", dir.resolve("audit").toString());
        assertThat(keygen.code()).as(keygen.err()).isEqualTo(ExitCodes.OK);
        log = dir.resolve("audit-log");
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int orders = freePort();
            int ledger = freePort();
            Path config = DemoConfig.write(dir, orders, ledger, freePort(), upstream.uri()).file();
            Files.writeString(config, Files.readString(config)
                    + "audit: {dir: " + log + ", signingKey: " + dir.resolve("audit.key") + ", fsyncInterval: 5ms}\n");
            try (Node node = Node.builder(List.of(config)).build().start()) {
                assertThat(get("127.0.1.11", orders, "/orders/1")).isEqualTo(200);
                assertThat(get("127.0.1.14", orders, "/orders/1")).as("legacy-1: its rule expired").isEqualTo(-1);
                assertThat(get("127.0.1.11", orders, "/nowhere")).isEqualTo(404);
                assertThat(get("127.0.2.21", ledger, "/ledger/7")).isEqualTo(200);
                assertThat(get("127.0.1.11", orders, "/orders/2")).isEqualTo(200);
            }
        }
    }

    @Test
    void searchPrintsTheRecordsThatMatchEveryOptionAsJsonLines() throws IOException {
        CliRun denied = CliRun.of("audit", "search", log.toString(), "--source", "127.0.1.14", "--verdict", "deny");
        CliRun trader = CliRun.of("audit", "search", log.toString(), "--workload", "trader-1", "--api", "orders",
                "--layer", "policy", "--verdict", "allow", "--since", "2000-01-01");
        CliRun range = CliRun.of("audit", "search", log.toString(), "--source", "127.0.2.0/24", "--layer", "network");
        CliRun none = CliRun.of("audit", "search", log.toString(), "--since", "2999-01-01T00:00:00Z");

        assertThat(denied.code()).as(denied.err()).isEqualTo(ExitCodes.OK);
        assertThat(lines(denied.out())).singleElement().satisfies(line -> {
            JsonNode r = line.path("record");
            assertThat(r.path("kind").asText() + " " + r.path("workload").asText() + " " + r.path("layer").asText()
                    + "/" + r.path("reason").asText()).isEqualTo("connection legacy-1 network/no-matching-rule");
        });
        assertThat(denied.err()).matches("search: 1 of \\d+ records read matched\\n");
        assertThat(lines(trader.out())).extracting(l -> l.path("record").path("path").asText())
                .containsExactly("/orders/1", "/orders/2");
        assertThat(trader.err()).contains("segments older than --since skipped");
        assertThat(lines(range.out())).as("reporting-1's admitted connection").singleElement()
                .satisfies(l -> assertThat(l.path("record").path("admittedBy").asText()).startsWith("222222222222/sg-ledger-api ingress[0]"));
        assertThat(none.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(none.out()).isEmpty();
    }

    @Test
    void exportWritesEveryRecordOnceWithLeafHashesThatProveAgrees() throws IOException {
        Path file = dir.resolve("siem.jsonl");
        CliRun first = CliRun.of("audit", "export", log.toString(), "--to", file.toString());
        CliRun again = CliRun.of("audit", "export", log.toString(), "--to", file.toString());

        assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = lines(Files.readString(file));
        JsonNode checkpoint = lines.get(lines.size() - 1);
        assertThat(checkpoint.path("type").asText()).isEqualTo("checkpoint");
        long records = checkpoint.path("checkpoint").path("size").asLong();
        assertThat(lines).hasSize((int) records + 1);
        assertThat(first.err()).isEqualTo("exported " + records + " records and 1 checkpoint from record 0; next record "
                + records + "\n");
        assertThat(again.err()).as("resumed after the file's last line").isEqualTo("exported 0 records and 0 "
                + "checkpoints from record " + records + "; next record " + records + "\n");
        JsonNode third = lines.get(2);
        CliRun prove = CliRun.of("audit", "prove", log.toString(), "--record", "2");
        assertThat(JSON.readTree(prove.out()).path("leafHash").asText()).isEqualTo(third.path("leafHash").asText());
        assertThat(JSON.readTree(prove.out()).path("entry")).isEqualTo(third.path("record"));
    }

    @Test
    void exportStreamsToATcpSocket() throws Exception {
        CliRun toFile = CliRun.of("audit", "export", log.toString());
        try (ServerSocket siem = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = siem.accept()) {
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliRun toSocket = CliRun.of("audit", "export", log.toString(), "--to",
                    "tcp://127.0.0.1:" + siem.getLocalPort());

            assertThat(toSocket.code()).as(toSocket.err()).isEqualTo(ExitCodes.OK);
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(toFile.out()).isNotEmpty();
        }
    }

    @Test
    void standardOutputGetsTheStoredBytesWhateverItsCharset() throws Exception {
        Path utf8 = dir.resolve("utf8-log");
        String principal = "arn:aws:iam::111111111111:role/größe-ünï";
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(utf8, dir.resolve("audit.key")).build())) {
            audit.append(AuditRecord.builder(Instant.now(), AuditRecord.Kind.REQUEST, Decision.allow(
                    new Reason(Layer.POLICY, "statement-allows"), "policy[0] Statement[0]", "")).api("orders")
                    .principal(principal).build());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setOut(new StandardOutput(stdout, StandardCharsets.US_ASCII)); // a POSIX locale's
        cl.setErr(new PrintWriter(new StringWriter()));

        int code = cl.execute("audit", "search", utf8.toString(), "--principal", principal);

        assertThat(code).isEqualTo(ExitCodes.OK);
        byte[] line = stdout.toByteArray();
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).contains("\"principal\":\"" + principal + "\"");
        byte[] record = text.substring(text.indexOf(",\"record\":") + 10, text.length() - 2).getBytes(StandardCharsets.UTF_8);
        assertThat(JSON.readTree(line).path("leafHash").asText()).isEqualTo(Base64.getEncoder()
                .encodeToString(new MerkleHasher().leaf(record)));
    }

    @Test
    void invalidInputExitsTwoAndSaysWhatWasExpected() throws IOException {
        CliRun since = CliRun.of("audit", "search", log.toString(), "--since", "yesterday");
        CliRun source = CliRun.of("audit", "search", log.toString(), "--source", "example.com");
        CliRun interval = CliRun.of("audit", "export", log.toString(), "--follow", "--interval", "0s");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun refused = CliRun.of("audit", "export", log.toString(), "--to", "tcp://127.0.0.1:" + closed);

        assertThat(List.of(since.code(), source.code(), interval.code(), refused.code())).containsOnly(ExitCodes.INVALID);
        assertThat(since.err()).contains("'yesterday' (expected: an ISO-8601 instant such as 2026-03-04T10:00:00Z, "
                + "or a date such as 2026-03-04)");
        assertThat(source.err()).isEqualTo("invalid input: source: 'example.com' (expected: an IP address or a CIDR, "
                + "e.g. 10.0.1.7 or 10.0.1.0/24)\n");
        assertThat(interval.err()).isEqualTo("invalid input: --interval: '0s' (expected: a positive duration such as "
                + "500ms, 2s or 1m)\n");
        assertThat(refused.err()).startsWith("invalid input: --to tcp://127.0.0.1:" + closed + ": cannot connect: ");
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** One GET from {@code from}: the status, or -1 when the connection was closed without a response. */
    private static int get(String from, int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
