package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node sections on reload: those that can be swapped safely are (the admin listener moves, the access log starts),
 * a changed audit section is refused with the fields that changed, and a refused reload changes nothing.
 */
class NodeSectionsReloadTest {

    private static final String TRADER = "127.0.1.11";

    @TempDir
    Path dir;
    private DemoUpstream upstream;
    private Path config;
    private String base;
    private int port;
    private Node node;

    @BeforeEach
    void start() throws IOException {
        upstream = DemoUpstream.start();
        port = LoopbackClient.freePort();
        config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), AuditKeys.generate());
        base = Files.readString(config);
        Files.writeString(config, base + node("a1", LoopbackClient.freePort()));
        node = Node.builder(List.of(config)).build().start();
    }

    private String node(String auditDir, int adminPort) {
        return "audit: {dir: " + dir.resolve(auditDir) + ", signingKey: " + dir.resolve("audit.key") + "}\n"
                + "admin: {listen: \"127.0.0.1:" + adminPort + "\"}\n";
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String get(InetSocketAddress admin, String path) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + admin.getPort()
                + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theAdminListenerServesThePlanDigestItServes() throws Exception {
        String digest = node.plan().digest().toString();
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(get(node.adminAddress(), "/plan")).isEqualTo("{\"digest\":\"" + digest + "\"}\n");
        assertThat(get(node.adminAddress(), "/metrics")).contains("portcullis_plan_info{digest=\"" + digest + "\"} 1");

        Files.writeString(config, base + node("a1", node.adminAddress().getPort())
                + "accessLog: {path: " + dir.resolve("access.log") + "}\n");
        assertThat(node.reload().applied()).isTrue();
        String next = node.plan().digest().toString();
        assertThat(next).isNotEqualTo(digest);
        assertThat(get(node.adminAddress(), "/plan")).contains(next);
        assertThat(get(node.adminAddress(), "/metrics")).contains("portcullis_plan_info{digest=\"" + next + "\"} 1")
                .doesNotContain(digest);
    }

    @Test
    void theAdminListenerMovesOnReload() throws IOException {
        InetSocketAddress before = node.adminAddress();
        assertThat(listening(before)).isTrue();
        int next = LoopbackClient.freePort();
        Files.writeString(config, base + node("a1", next));

        Node.LoadResult result = node.reload();

        assertThat(result.applied()).as(result.problems().toString()).isTrue();
        assertThat(node.adminAddress().getPort()).isEqualTo(next);
        assertThat(listening(node.adminAddress())).isTrue();
        assertThat(listening(before)).as("the old admin listener is closed").isFalse();
    }

    @Test
    void aChangedAuditSectionIsRefusedAndNothingChanges() throws IOException {
        InetSocketAddress admin = node.adminAddress();
        int otherAdmin = LoopbackClient.freePort();
        Files.writeString(config, base + node("a2", otherAdmin));

        Node.LoadResult result = node.reload();

        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).singleElement().asString()
                .startsWith(config + ":")
                .contains("audit: dir cannot change while the node runs");
        assertThat(node.adminAddress()).as("the admin section of the refused plan was not applied").isEqualTo(admin);
        assertThat(listening(new InetSocketAddress("127.0.0.1", otherAdmin))).isFalse();
        assertThat(LoopbackClient.once(TRADER, port, "/orders/1")).isEqualTo(200);
    }

    @Test
    void anAdminAddressThatCannotBeBoundRefusesTheReload() throws IOException {
        InetSocketAddress admin = node.adminAddress();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(config, base + node("a1", taken.getLocalPort()));
            Node.LoadResult result = node.reload();
            assertThat(result.applied()).isFalse();
            assertThat(result.problems()).singleElement().asString().contains("admin.listen: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
        }
        assertThat(node.adminAddress()).isEqualTo(admin);
        assertThat(listening(admin)).isTrue();
    }
}
