package io.portcullis.identity.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.identity.testing.SelfSigned;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateIdentityTest {

    @TempDir
    Path dir;

    @Test
    void prefersTheSpiffeIdOverDnsNames() throws Exception {
        var cert = SelfSigned.create(dir, "uri:spiffe://prod.example/ns/trading/sa/orders,dns:orders.internal").certificate();
        assertThat(CertificateIdentity.of(cert)).contains(
                new CertificateIdentity(CertificateIdentity.Kind.SPIFFE, "spiffe://prod.example/ns/trading/sa/orders"));
    }

    @Test
    void fallsBackToTheOnlyDnsName() throws Exception {
        var cert = SelfSigned.create(dir, "dns:Orders.Internal").certificate();
        assertThat(CertificateIdentity.of(cert)).contains(new CertificateIdentity(CertificateIdentity.Kind.DNS, "orders.internal"));
    }

    @Test
    void namesNobodyWhenAmbiguousOrAbsent() throws Exception {
        assertThat(CertificateIdentity.of(SelfSigned.create(dir, "uri:spiffe://a.example/x,uri:spiffe://a.example/y").certificate())).isEmpty();
        assertThat(CertificateIdentity.of(SelfSigned.create(dir, "dns:a.internal,dns:b.internal").certificate())).isEmpty();
        assertThat(CertificateIdentity.of(SelfSigned.create(dir, "ip:10.0.0.1").certificate())).isEmpty();
        assertThat(CertificateIdentity.of(SelfSigned.create(dir, "uri:spiffe://Upper.Example/x").certificate())).isEmpty();
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
