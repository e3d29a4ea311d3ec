package io.portcullis.identity.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.testing.TestPki;
import io.portcullis.testing.TestPki.San;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateIdentityTest {

    @TempDir
    Path dir;

    private X509Certificate certificate(San... sans) {
        return new TestPki(dir).issue("client", sans).certificate();
    }

    @Test
    void prefersTheSpiffeIdOverDnsNames() throws Exception {
        var cert = certificate(San.uri("spiffe://prod.example/ns/trading/sa/orders"), San.dns("orders.internal"));
        assertThat(CertificateIdentity.of(cert)).contains(
                new CertificateIdentity(CertificateIdentity.Kind.SPIFFE, "spiffe://prod.example/ns/trading/sa/orders"));
    }

    @Test
    void fallsBackToTheOnlyDnsName() throws Exception {
        var cert = certificate(San.dns("Orders.Internal"));
        assertThat(CertificateIdentity.of(cert)).contains(new CertificateIdentity(CertificateIdentity.Kind.DNS, "orders.internal"));
    }

    @Test
    void namesNobodyWhenAmbiguousOrAbsent() throws Exception {
        assertThat(CertificateIdentity.of(certificate(San.uri("spiffe://a.example/x"), San.uri("spiffe://a.example/y")))).isEmpty();
        assertThat(CertificateIdentity.of(certificate(San.dns("a.internal"), San.dns("b.internal")))).isEmpty();
        assertThat(CertificateIdentity.of(certificate(San.ip("10.0.0.1")))).isEmpty();
        assertThat(CertificateIdentity.of(certificate(San.uri("spiffe://Upper.Example/x")))).isEmpty();
    }

    @Test
    void validatesSpiffeIds() {
        assertThat(CertificateIdentity.isSpiffeId("spiffe://td.example/ns/a")).isTrue();
        assertThat(CertificateIdentity.isSpiffeId("spiffe://td.example")).isTrue();
        assertThat(CertificateIdentity.isSpiffeId("spiffe://td.example/ns/../a")).isFalse();
        assertThat(CertificateIdentity.isSpiffeId("spiffe://td.example/ns//a")).isFalse();
        assertThat(CertificateIdentity.isSpiffeId("spiffe://td.example/a?x=1")).isFalse();
        assertThat(CertificateIdentity.isSpiffeId("spiffe://user@td.example/a")).isFalse();
        assertThatThrownBy(() -> new CertificateIdentity(CertificateIdentity.Kind.SPIFFE, "https://x/y"))
                .hasMessage("value: 'https://x/y' (expected: spiffe://<trust-domain>/<path> per the SPIFFE ID specification)");
    }
}
