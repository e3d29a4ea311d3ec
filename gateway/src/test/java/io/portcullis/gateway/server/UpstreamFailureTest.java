package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstreams that misbehave: a raw socket server answers each connection with fixed bytes, then closes. */
class UpstreamFailureTest {

    ServerSocket upstream;
    Thread acceptor;
    GatewayServer gateway;

    private void start(String reply) throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            while (!upstream.isClosed()) {
                try (Socket s = upstream.accept()) {
                    InputStream in = s.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (head.indexOf("\r\n\r\n") < 0) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.append((char) b);
                    }
                    s.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.start();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(
                URI.create("http://127.0.0.1:" + upstream.getLocalPort())).build())), new TestGuards())
                .workerThreads(1).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        upstream.close();
        acceptor.join(2000);
    }

    @Test
    void answers502ForAMalformedUpstreamResponse() throws Exception {
        start("HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\n");
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 502");
        }
    }

    @Test
    void closesTheClientWhenTheUpstreamDiesMidResponse() throws Exception {
        start("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-part");
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            String response = c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("only-part");
        }
    }

    @Test
    void opensANewUpstreamConnectionAfterTheUpstreamClosedOne() throws Exception {
        start("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200")
                        .endsWith("ok").doesNotContainIgnoringCase("connection: close");
            }
        }
    }
}
