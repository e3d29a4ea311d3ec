package io.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.testing.TestPki.San;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    @TempDir
    Path dir;

    @Test
    void issuesAServerCertificateForLoopbackSignedByTheCa() throws Exception {
        TestPki pki = new TestPki(dir);
        TestPki.Issued server = pki.server();
        assertThat(server.certificate().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        server.certificate().verify(pki.caCertificate().getPublicKey());
        assertThat(Files.readString(server.certFile())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(server.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pki.caFile())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void issuesTheChosenSubjectAndAlternativeNamesInOrder() throws Exception {
        TestPki.Issued client = new TestPki(dir).issue("orders",
                San.uri("spiffe://prod.example/ns/trading/sa/orders"), San.dns("Orders.Internal"), San.ip("10.0.0.1"));
        assertThat(client.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=orders");
        assertThat(client.certificate().getSubjectAlternativeNames()).containsExactly(
                List.of(6, "spiffe://prod.example/ns/trading/sa/orders"), List.of(2, "Orders.Internal"),
                List.of(7, "10.0.0.1"));
    }

    @Test
    void theCrlListsExactlyTheRevokedCertificates() throws Exception {
        TestPki pki = new TestPki(dir);
        TestPki.Issued kept = pki.clientWithUri("kept", "spiffe://test.example/a");
        TestPki.Issued revoked = pki.clientWithUri("revoked", "spiffe://test.example/a");
        pki.revoke(revoked);
        X509CRL crl;
        try (InputStream in = Files.newInputStream(pki.crl())) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(pki.caCertificate().getPublicKey());
        assertThat(crl.isRevoked(revoked.certificate())).isTrue();
        assertThat(crl.isRevoked(kept.certificate())).isFalse();
    }

    @Test
    void contextsHandshakeWithinOnePkiAndNotAcrossTwo() throws Exception {
        TestPki pki = new TestPki(dir.resolve("one"));
        TestPki other = new TestPki(dir.resolve("two"));
        TestPki.Issued server = pki.server();
        assertThat(handshake(pki, server, pki)).isEqualTo("CN=server");
        assertThatThrownBy(() -> handshake(pki, server, other)).isInstanceOf(SSLHandshakeException.class);
    }

    /** One TLS handshake on loopback; the peer's subject as the client saw it. */
    private static String handshake(TestPki serverPki, TestPki.Issued server, TestPki clientPki) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverPki.serverContext(server).getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (Exception e) {
                    // the client reports the outcome
                }
            });
            try (SSLSocket client = (SSLSocket) clientPki.clientContext(null).getSocketFactory()
                    .createSocket(listener.getInetAddress(), listener.getLocalPort())) {
                client.setSoTimeout(5000);
                client.startHandshake();
                return client.getSession().getPeerPrincipal().getName();
            } finally {
                accepted.cancel(true);
            }
        }
    }
}
