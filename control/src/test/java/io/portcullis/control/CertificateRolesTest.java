package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.control.auth.Authenticator;
import io.portcullis.control.auth.Role;
import io.portcullis.testing.TestPki;
import io.portcullis.testing.TestPki.San;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cert-role} names are typed: a certificate's subject, DNS names and URIs each match only entries of their
 * kind, so a DNS name spelled like a subject takes no role of that subject (adversarial review, finding 5); the
 * documented untyped entries keep working.
 */
class CertificateRolesTest {

    @Test
    void aDnsNameSpelledAsASubjectDoesNotTakeThatSubjectsRoles(@TempDir Path dir) {
        TestPki pki = new TestPki(dir);
        Authenticator auth = authenticator("CN=op=operator", "CN=intern=viewer");
        assertThat(roles(auth, pki.issue("intern", San.dns("CN=op")))).containsExactly(Role.VIEWER);
        assertThat(roles(auth, pki.issue("op"))).containsExactly(Role.OPERATOR);
    }

    @Test
    void matchesEachKindOfNameOnlyAgainstEntriesOfItsKind(@TempDir Path dir) {
        TestPki pki = new TestPki(dir);
        Authenticator auth = authenticator("subject:CN=alice, O=Example=viewer", "dns:gw-1.example.org=node",
                "uri:spiffe://example.org/ci=proposer", "spiffe://example.org/ops=operator", "gw-2.example.org=node");
        assertThat(roles(auth, pki.issue("gw", San.dns("gw-1.example.org")))).containsExactly(Role.NODE);
        assertThat(roles(auth, pki.issue("gw-1.example.org"))).as("a subject CN is not a DNS name").isEmpty();
        assertThat(roles(auth, pki.issue("gw", San.dns("gw-2.example.org")))).containsExactly(Role.NODE);
        assertThat(roles(auth, pki.issue("ci", San.uri("spiffe://example.org/ci")))).containsExactly(Role.PROPOSER);
        assertThat(roles(auth, pki.issue("ops", San.uri("spiffe://example.org/ops")))).containsExactly(Role.OPERATOR);
        assertThat(roles(auth, pki.issue("x", San.dns("example.org")))).isEmpty();
    }

    @Test
    void refusesANameThatIsNotOfItsStatedKind() {
        assertThatThrownBy(() -> authenticator("dns:CN=op=operator")).hasMessage("--cert-role: 'dns:CN=op=operator': "
                + "'dns:CN=op' is not a DNS name (expected: subject:DN, dns:NAME or uri:URI, e.g. subject:CN=node-1, "
                + "dns:gw-1.example.org, uri:spiffe://example.org/ci)");
        assertThatThrownBy(() -> authenticator("uri:ci=proposer")).hasMessageStartingWith("--cert-role: "
                + "'uri:ci=proposer': 'uri:ci' is not an absolute URI (expected: ");
        assertThatThrownBy(() -> authenticator("subject:node-1=node")).hasMessageStartingWith("--cert-role: "
                + "'subject:node-1=node': 'subject:node-1' is not an RFC 2253 distinguished name (expected: ");
    }

    private static Authenticator authenticator(String... entries) {
        Map<String, Set<Role>> roles = new HashMap<>();
        for (String e : entries) {
            ControlSettings.certificateRole(e, roles);
        }
        return new Authenticator(roles, Optional.empty(), "roles");
    }

    private static Set<Role> roles(Authenticator auth, TestPki.Issued cert) {
        Authenticator.Outcome o = auth.authenticate(null, List.of(cert.certificate()));
        return ((Authenticator.Authenticated) o).caller().roles();
    }
}
