package io.portcullis.cli.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis control} refuses invalid options, every one at once, each saying what was expected. */
class ControlCommandTest {

    @Test
    void reportsEveryInvalidOptionAtOnceWithoutThePassword(@TempDir Path dir) {
        CliRun r = CliRun.of("control", "--db", "mysql://db/x?user=u&password=hunter2", "--listen", "127.0.0.1:99999",
                "--tls-cert", dir.resolve("missing.pem").toString(), "--tls-key", dir.resolve("missing.key").toString(),
                "--cert-role", "CN=node-1=admin");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains(
                "invalid input: --db: 'mysql://db/x?user=u&password=***': scheme mysql (expected: postgresql://HOST[:PORT]/DATABASE[?user=NAME&password=...])",
                "invalid input: --listen: '127.0.0.1:99999': port 99999 (expected: 0 to 65535)",
                "invalid input: --cert-role: 'CN=node-1=admin': role 'admin' (expected: one of viewer, proposer, approver, operator, node)")
                .doesNotContain("hunter2");
    }

    @Test
    void needsAWayToAuthenticateCallers(@TempDir Path dir) throws Exception {
        Path cert = java.nio.file.Files.writeString(dir.resolve("c.pem"), "x");
        CliRun r = CliRun.of("control", "--db", "postgresql://127.0.0.1:5432/portcullis?user=postgres",
                "--tls-cert", cert.toString(), "--tls-key", cert.toString(), "--jwt-issuer", "https://idp.example");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("invalid input: --jwt-*: audiences: [] (expected: at least one)");
        CliRun none = CliRun.of("control", "--db", "postgresql://127.0.0.1:5432/portcullis?user=postgres",
                "--tls-cert", cert.toString(), "--tls-key", cert.toString());
        assertThat(none.err()).contains("invalid input: no way to authenticate callers (expected: --client-ca for client "
                + "certificates, --jwt-issuer with --jwt-audience and --jwt-jwks for bearer tokens, or both)");
    }

    @Test
    void theClusterConsoleNeedsTheCertificateItConnectsToNodesWith(@TempDir Path dir) throws Exception {
        Path cert = java.nio.file.Files.writeString(dir.resolve("c.pem"), "x");
        String[] common = {"control", "--db", "postgresql://127.0.0.1:5432/portcullis?user=postgres",
                "--tls-cert", cert.toString(), "--tls-key", cert.toString(), "--client-ca", cert.toString()};
        CliRun withoutCert = CliRun.of(concat(common, "--console-listen", "127.0.0.1:9443"));
        assertThat(withoutCert.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(withoutCert.err()).contains("invalid input: --console-listen without --console-node-cert, "
                + "--console-node-key and --console-node-ca (expected: the client certificate, key and CA with which the "
                + "control plane connects to the nodes' consoles)");
        CliRun withoutListen = CliRun.of(concat(common, "--console-node-ca", cert.toString()));
        assertThat(withoutListen.err()).contains("invalid input: --console-node-* without --console-listen");
        CliRun badAddress = CliRun.of(concat(common, "--console-listen", "9443", "--console-node-cert", cert.toString(),
                "--console-node-key", cert.toString(), "--console-node-ca", dir.resolve("missing.pem").toString()));
        assertThat(badAddress.err()).contains("invalid input: --console-listen: '9443' (expected: HOST:PORT");
        CliRun missingCa = CliRun.of(concat(common, "--console-listen", "127.0.0.1:9443", "--console-node-cert",
                cert.toString(), "--console-node-key", cert.toString(), "--console-node-ca", dir.resolve("missing.pem").toString()));
        assertThat(missingCa.err()).contains("invalid input: --console-node-ca: '" + dir.resolve("missing.pem")
                + "' does not exist (expected: a PEM file)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
