package io.portcullis.console;

import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * A real node on loopback with its console: the demo's configuration (three APIs, two tenants) plus
 * {@code demo-console.yaml} (audit log, admin listener, console signing in with the demo IdP's tokens), each
 * listener on a free port.
 */
final class ConsoleNode implements AutoCloseable {

    final DemoUpstream upstream;
    final DemoConfig demo;
    final Node node;
    final Console console;
    final int orders;
    final int ledger;
    final int payments;
    final Path dir;

    ConsoleNode(Path dir) throws IOException {
        this.dir = dir;
        upstream = DemoUpstream.start();
        orders = freePort();
        ledger = freePort();
        payments = freePort();
        demo = DemoConfig.write(dir, orders, ledger, payments, upstream.uri());
        Path consoleFile = demo.writeConsole(freePort(), freePort());
        node = Node.builder(List.of(demo.file(), consoleFile)).build().start();
        console = Console.start(node).orElseThrow();
    }

    URI uri(String path) {
        return console.uri().resolve(path);
    }

    /** {@code /metrics} of the node's admin listener. */
    String metrics() throws IOException, InterruptedException {
        var a = node.adminAddress();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    Path auditDir() {
        return dir.resolve("audit");
    }

    Path publicKey() {
        return dir.resolve("keys/audit-public.pem");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        console.close();
        node.close();
        upstream.close();
    }
}
