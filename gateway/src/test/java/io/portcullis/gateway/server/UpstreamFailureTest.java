package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.ScriptedUpstream;
import io.portcullis.gateway.testing.TestGuards;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstreams that misbehave: a scripted upstream answers each connection with fixed bytes, then closes. */
class UpstreamFailureTest {

    ScriptedUpstream upstream;
    GatewayServer gateway;

    private void start(String reply) throws IOException {
        upstream = ScriptedUpstream.answering(reply);
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).build())),
                new TestGuards()).workerThreads(1).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        upstream.close();
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
