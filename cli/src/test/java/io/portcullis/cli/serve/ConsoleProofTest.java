package io.portcullis.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import io.portcullis.console.Console;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inclusion proof downloaded from a node's console, as an operator's browser saves it, verified offline by
 * {@code portcullis audit verify-proof} with the node's public key; the same file with one byte of its record
 * changed, or checked against another key, is refused.
 */
class ConsoleProofTest {

    @TempDir
    Path dir;

    @Test
    void aProofDownloadedFromTheConsoleVerifiesWithTheCommandAndATamperedOneDoesNot() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int orders = freePort();
            DemoConfig demo = DemoConfig.write(dir, orders, freePort(), freePort(), upstream.uri());
            Path consoleFile = demo.writeConsole(freePort(), freePort());
            try (Node node = Node.builder(List.of(demo.file(), consoleFile)).build().start();
                 Console console = Console.start(node).orElseThrow()) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                // a connection to an API (refused at accept: 127.0.0.1 is no workload of the demo), so the log holds a record
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + orders + "/orders/1"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                } catch (java.io.IOException refused) {
                    // closed before a byte of HTTP: expected
                }
                URI base = console.uri();
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(
                                demo.consoleToken("olga", "operator"), StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

                HttpResponse<String> proof = null;
                Instant until = Instant.now().plusSeconds(30); // a proof needs a signed checkpoint over the record
                while (Instant.now().isBefore(until)) {
                    proof = http.send(HttpRequest.newBuilder(base.resolve("/api/audit/proof?record=0"))
                            .header("Cookie", cookie).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (proof.statusCode() == 200) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(proof.statusCode()).as(proof.body()).isEqualTo(200);
                assertThat(proof.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"proof-0.json\"");
                Path saved = Files.writeString(dir.resolve("proof-0.json"), proof.body());
                Path key = dir.resolve("keys/audit-public.pem");

                CliRun ok = CliRun.of("audit", "verify-proof", saved.toString(), "--key", key.toString());
                assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCodes.OK);
                assertThat(ok.out()).startsWith("valid: record 0 is in the log of");

                // one byte of the record's canonical bytes changed, the rest of the document as downloaded
                var doc = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(proof.body());
                byte[] payload = java.util.Base64.getDecoder().decode(doc.get("payload").asText());
                payload[payload.length / 2] ^= 1;
                doc.put("payload", java.util.Base64.getEncoder().encodeToString(payload));
                // and its leaf hash made to match (SHA-256 of 0x00 || payload), so only the tree can tell
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                sha.update((byte) 0);
                doc.put("leafHash", java.util.Base64.getEncoder().encodeToString(sha.digest(payload)));
                Path tampered = Files.writeString(dir.resolve("tampered.json"), doc.toString());
                String body = proof.body();
                assertThat(Files.readString(tampered)).isNotEqualTo(body);
                CliRun bad = CliRun.of("audit", "verify-proof", tampered.toString(), "--key", key.toString());
                assertThat(bad.code()).isNotEqualTo(ExitCodes.OK);
                assertThat(bad.err()).contains("INVALID PROOF");

                CliRun.of("audit", "keygen", "--out", dir.resolve("other").toString());
                CliRun otherKey = CliRun.of("audit", "verify-proof", saved.toString(), "--key", dir.resolve("other.pub").toString());
                assertThat(otherKey.code()).isEqualTo(ExitCodes.DENIED);
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
