package io.portcullis.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.settings.ClientAuth;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.TlsSettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import io.portcullis.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS termination, HTTP/2 over ALPN, and mTLS with a CRL and certificate-to-workload binding, with BoringSSL and
 * with the JDK provider (the fallback when BoringSSL does not load).
 */
abstract class TlsEndToEndBase {


    static Path dir;
    static TestPki pki;
    static TestPki.Issued web;
    static TestPki.Issued batch;
    static TestPki.Issued revoked;
    static TestUpstream upstream;
    static GatewayServer gateway;
    static RecordingListener events;

    static void startWith(SslProvider provider) throws Exception {
        dir = Files.createTempDirectory("portcullis-tls");
        pki = new TestPki(dir);
        TestPki.Issued server = pki.server();
        web = pki.clientWithUri("web", "spiffe://test.example/ns/prod/sa/web");
        batch = pki.clientWithUri("batch", "spiffe://test.example/ns/prod/sa/batch");
        revoked = pki.clientWithUri("web-revoked", "spiffe://test.example/ns/prod/sa/web");
        pki.revoke(revoked);
        Path crl = pki.crl();
        upstream = new TestUpstream();
        events = new RecordingListener();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                Gateways.api(upstream.uri()).tls(TlsSettings.serverOnly(server.certFile(), server.keyFile()))
                        .build().withName("tls"),
                Gateways.api(upstream.uri()).tls(new TlsSettings(server.certFile(), server.keyFile(),
                        Optional.of(pki.caFile()), ClientAuth.REQUIRED, Optional.of(crl), true)).build()
                        .withName("mtls"))), new TestGuards()).workerThreads(1).tlsProvider(provider).listener(events)
                .build().start();
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        upstream.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Test
    void servesHttp2OverAlpnAndHttp11WithForwardedProtoHttps() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext(null)).version(version).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + gateway.port("tls") + "/echo?v=" + version))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(20000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(version);
            assertThat(response.body()).contains("x-forwarded-proto=https").contains("x-forwarded-for=127.0.0.1")
                    .contains("body=20000");
        }
    }

    @Test
    void admitsAClientCertificateThatNamesTheSourceWorkload() throws Exception {
        assertThat(mtlsGet("127.0.0.2", web)).startsWith("HTTP/1.1 200");
        RequestEvent request = events.request(e -> e.api().equals("mtls"));
        assertThat(request.tls()).isTrue();
        assertThat(request.clientIdentity().primary()).isEqualTo("spiffe://test.example/ns/prod/sa/web");
        ConnectionEvent closed = events.connection(e -> e.api().equals("mtls")
                && e.phase() == ConnectionEvent.Phase.CLOSED && e.clientIdentity() != null);
        assertThat(closed.clientIdentity().primary()).isEqualTo("spiffe://test.example/ns/prod/sa/web");
        assertThat(closed.bytesReceived()).as("TLS records counted").isGreaterThan(100);
    }

    @Test
    void refusesACertificateNamingAnotherWorkload() throws Exception {
        long before = gateway.rejections().count(TlsIdentityHandler.WORKLOAD_MISMATCH);
        assertThat(mtlsGet("127.0.0.2", batch)).doesNotContain("HTTP/1.1");
        ConnectionEvent refused = events.connection(e -> e.phase() == ConnectionEvent.Phase.REFUSED
                && e.decision().reason().equals(TlsIdentityHandler.WORKLOAD_MISMATCH));
        assertThat(refused.source().workload()).as("refused after the network layer admitted it").isEqualTo("web");
        assertThat(refused.clientIdentity().primary()).isEqualTo("spiffe://test.example/ns/prod/sa/batch");
        // counted before the event is emitted, so reading it after the event cannot be early
        assertThat(gateway.rejections().count(TlsIdentityHandler.WORKLOAD_MISMATCH)).isEqualTo(before + 1);
    }

    @Test
    void refusesARevokedOrMissingClientCertificate() throws Exception {
        assertThat(mtlsGet("127.0.0.2", revoked)).doesNotContain("HTTP/1.1");
        ConnectionEvent refused = events.connection(e -> e.phase() == ConnectionEvent.Phase.REFUSED
                && e.decision().reason().equals(TlsIdentityHandler.HANDSHAKE_FAILED));
        assertThat(refused.decision().decidedBy()).isEqualTo("tls");
        assertThat(refused.clientIdentity()).isNull();
        assertThat(mtlsGet("127.0.0.2", null)).doesNotContain("HTTP/1.1");
        // The server sends its alert before it reports the failed handshake, so the client can see the failure
        // before the refusal is counted: wait for the refusal's event, which follows the count.
        events.connection(e -> e.phase() == ConnectionEvent.Phase.REFUSED
                && e.decision().reason().equals(TlsIdentityHandler.HANDSHAKE_FAILED));
        assertThat(gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void countsANetworkDenialOnATlsApiOnceAndNotAsAHandshakeFailure() throws Exception {
        long handshakeFailures = gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED);
        long denials = gateway.rejections().count(TestGuards.NO_RULE);

        assertThat(mtlsGet("127.0.0.9", web)).doesNotContain("HTTP/1.1");
        ConnectionEvent refused = events.connection(e -> e.phase() == ConnectionEvent.Phase.REFUSED
                && e.peer().getAddress().getHostAddress().equals("127.0.0.9"));
        // One worker thread: the refused connection's close is handled before the next connection is accepted.
        assertThat(mtlsGet("127.0.0.2", web)).startsWith("HTTP/1.1 200");
        List<ConnectionEvent> after = events.connectionsUntil(e -> e.phase() == ConnectionEvent.Phase.CLOSED
                && e.api().equals("mtls"));

        assertThat(refused.decision().reason()).isEqualTo(TestGuards.NO_RULE);
        assertThat(gateway.rejections().count(TestGuards.NO_RULE)).isEqualTo(denials + 1);
        assertThat(gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED))
                .as("the connection was closed before TLS began").isEqualTo(handshakeFailures);
        assertThat(after).as("no second terminal event for the refused connection")
                .noneMatch(e -> e.connectionId() == refused.connectionId());
    }

    @Test
    void aClientThatLeavesBeforeTlsBeganIsClosedNotAHandshakeFailure() throws Exception {
        long handshakeFailures = gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED);
        long id;
        try (Socket idle = new Socket()) {
            idle.bind(new InetSocketAddress("127.0.0.2", 0));
            idle.connect(new InetSocketAddress("127.0.0.1", gateway.port("tls")), 2000);
            id = events.connection(e -> e.phase() == ConnectionEvent.Phase.ADMITTED
                    && e.peer().getPort() == idle.getLocalPort()).connectionId();
        }
        ConnectionEvent end = events.connection(e -> e.connectionId() == id);

        assertThat(end.phase()).isEqualTo(ConnectionEvent.Phase.CLOSED);
        assertThat(gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED)).isEqualTo(handshakeFailures);
    }

    @Test
    void countsCleartextOnATlsApiAsOneHandshakeFailure() throws Exception {
        long handshakeFailures = gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED);
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress("127.0.0.2", 0));
        int port = plain.getLocalPort();
        try (plain) {
            plain.connect(new InetSocketAddress("127.0.0.1", gateway.port("tls")), 2000);
            plain.setSoTimeout(5000);
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getInputStream().readAllBytes();
        } catch (IOException reset) {
            // the gateway may reset rather than close: either way the connection is refused
        }
        ConnectionEvent end = events.connection(e -> e.peer().getPort() == port
                && e.phase() != ConnectionEvent.Phase.ADMITTED);

        assertThat(end.phase()).isEqualTo(ConnectionEvent.Phase.REFUSED);
        assertThat(end.decision().reason()).isEqualTo(TlsIdentityHandler.HANDSHAKE_FAILED);
        assertThat(gateway.rejections().count(TlsIdentityHandler.HANDSHAKE_FAILED)).isEqualTo(handshakeFailures + 1);
    }

    @Test
    void readsSanUrisAndDnsNamesAndBindsThemToWorkloads() {
        ClientIdentity identity = TlsContexts.identity(web.certificate());
        assertThat(identity.primary()).isEqualTo("spiffe://test.example/ns/prod/sa/web");
        assertThat(WorkloadBinding.names(identity, "web")).isTrue();
        assertThat(WorkloadBinding.names(identity, "batch")).isFalse();
        assertThat(WorkloadBinding.names(new ClientIdentity(List.of(), List.of("web.prod.svc"), ""), "web")).isTrue();
        assertThat(WorkloadBinding.names(new ClientIdentity(List.of(), List.of("webby.prod.svc"), ""), "web")).isFalse();
    }

    /** One HTTP/1.1 GET over mTLS from a chosen loopback address; the response, or a marker of failure. */
    private static String mtlsGet(String from, TestPki.Issued certificate) throws Exception {
        SSLContext context = pki.clientContext(certificate);
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(from, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", gateway.port("mtls")), 2000);
        plain.setSoTimeout(5000);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost",
                gateway.port("mtls"), true)) {
            tls.startHandshake();
            tls.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            InputStream in = tls.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException refused) {
            return "<refused: " + refused.getClass().getSimpleName() + ">";
        }
    }
}
