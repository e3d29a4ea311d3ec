package io.portcullis.identity.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.identity.mtls.CertificateIdentity;
import io.portcullis.identity.mtls.CertificateIdentity.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateBindingTest {

    private static final CertificateIdentity INITECH = new CertificateIdentity(Kind.SPIFFE, "spiffe://initech.example/reports");
    private static final CertificateIdentity GLOBEX = new CertificateIdentity(Kind.DNS, "Reports.Globex.Example");
    private static final CertificateIdentity DESK = new CertificateIdentity(Kind.SPIFFE, "spiffe://acme.example/desk-1");

    private final CertificateBinding binding = new CertificateBinding(Map.of(
            "spiffe://initech.example/reports", "initech", "reports.globex.example", "globex"));

    @Test
    void aPartnersCertificateCountsFromItsOwnRange() {
        assertThat(binding.check(INITECH, "initech").allowed()).isTrue();
        assertThat(binding.check(GLOBEX, "globex").allowed()).as("DNS names compare without case").isTrue();
        assertThat(binding.check(INITECH, "initech")).isSameAs(binding.check(GLOBEX, "globex"));
    }

    @Test
    void aPartnersCertificateFromAnywhereElseIsAMismatch() {
        Decision fromWorkload = binding.check(INITECH, "desk-1");
        assertThat(fromWorkload.allowed()).isFalse();
        assertThat(fromWorkload.reason().toString()).isEqualTo("identity/certificate-network-mismatch");
        assertThat(fromWorkload.decidedBy()).isEqualTo("partners[].certificates");
        assertThat(fromWorkload.detail()).isEqualTo("certificate spiffe://initech.example/reports is partner 'initech''s, "
                + "presented from 'desk-1'");
        assertThat(binding.check(INITECH, "").detail()).endsWith("presented from an address of no declared caller");
        assertThat(binding.check(INITECH, "globex").allowed()).isFalse();
    }

    @Test
    void fromAPartnerThatDeclaresCertificatesNoOtherCertificateCounts() {
        Decision d = binding.check(DESK, "initech");
        assertThat(d.allowed()).isFalse();
        assertThat(d.detail()).isEqualTo("partner 'initech' declares its certificates and spiffe://acme.example/desk-1 is not one of them");
    }

    @Test
    void certificatesNoPartnerDeclaresAreNotBoundHere() {
        assertThat(binding.check(DESK, "desk-1").allowed()).isTrue();
        assertThat(binding.check(DESK, "").allowed()).isTrue();
        assertThat(CertificateBinding.NONE.check(INITECH, "desk-1").allowed()).isTrue();
    }
}
