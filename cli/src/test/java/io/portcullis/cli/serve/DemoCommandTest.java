package io.portcullis.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end: real gateway, real upstream, clients bound to the workloads' loopback addresses. */
class DemoCommandTest {

    @Test
    void tourShowsEachLayerDecidingFromTheCallersAddress(@TempDir Path dir) throws IOException {
        int port = freePortRun();
        CliRun run = CliRun.of("demo", "--exit", "--port", Integer.toString(port), "--dir", dir.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        String out = run.out();
        assertThat(section(out, "1. trader-1")).contains("→ HTTP/1.1 200 OK")
                .contains("workload trader-1 → member of 111111111111/sg-traders → included in 111111111111/sg-trading-clients "
                        + "→ 111111111111/sg-orders-api ingress[0] tcp/" + port);
        assertThat(section(out, "2. reporting-1")).contains("→ HTTP/1.1 200 OK").contains("ingress[1]");
        assertThat(section(out, "4. legacy-1")).contains("connection closed before any HTTP was read")
                .contains("near miss: 111111111111/sg-orders-api ingress[3]: expired: expired at 2025-06-30T00:00:00Z");
        assertThat(section(out, "5. unknown host")).contains("connection closed before any HTTP was read")
                .contains("no rule matched this source at all");
        assertThat(section(out, "6. trader-1")).contains("connection closed before any HTTP was read")
                .contains("no rule of [222222222222/sg-ledger-api] admits the source");
        assertThat(section(out, "7. reporting-1")).contains("→ HTTP/1.1 200 OK");
        assertThat(section(out, "8. trader-1")).contains("→ HTTP/1.1 405 Method Not Allowed");
        assertThat(section(out, "9. trader-1")).contains("→ HTTP/1.1 200 OK").contains("principal: arn:aws:iam::111111111111:role/trader-1");
        assertThat(section(out, "10. risk-1")).contains("→ HTTP/1.1 403 Forbidden")
                .contains("decided by the identity layer: claims-network-mismatch");
        assertThat(section(out, "11. trader-1")).contains("→ HTTP/1.1 401 Unauthorized").contains("token-missing");
        assertThat(section(out, "12. risk-1")).contains("→ 200 200 200 200 200 429 429");
        assertThat(Files.readString(dir.resolve("demo.yaml"))).contains("listen: \"127.0.0.1:" + port + "\"");
    }

    @Test
    void aBusyPortIsReportedWithAHint(@TempDir Path dir) throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.of("demo", "--exit", "--port", Integer.toString(busy.getLocalPort()), "--dir", dir.toString());
            assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
            assertThat(run.err()).contains("error: cannot start the gateway").contains("try --port");
        }
    }

    private static String section(String out, String heading) {
        int start = out.indexOf(heading);
        assertThat(start).as("section %s in:%n%s", heading, out).isNotNegative();
        int end = out.indexOf("\n\n", start);
        return out.substring(start, end < 0 ? out.length() : end);
    }

    /** Three consecutive free ports (the demo uses PORT, PORT+1 and PORT+2). */
    static int freePortRun() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket a = new ServerSocket(0)) {
                int p = a.getLocalPort();
                if (p < 65534) {
                    try (ServerSocket b = new ServerSocket(p + 1); ServerSocket c = new ServerSocket(p + 2)) {
                        return p;
                    } catch (IOException taken) {
                        // try another run
                    }
                }
            }
        }
        throw new IOException("no three consecutive free ports");
    }
}
