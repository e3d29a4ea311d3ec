package io.portcullis.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code audit verify} tells an operator beyond damage: that the key is wrong, that there is no log, that the
 * log's segments are gone; and that a standard PKCS#8 Ed25519 key (as openssl writes it) signs and verifies.
 */
class AuditVerifyCommandTest {

    @TempDir
    Path tmp;
    Path log;
    KeyPair pair;
    Path privateOnly;

    /** A 30-record log signed with a key written as {@code openssl genpkey -algorithm ed25519} writes one. */
    @BeforeEach
    void writeLog() throws Exception {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        privateOnly = Files.writeString(tmp.resolve("ed25519.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        log = tmp.resolve("log");
        Decision allow = Decision.allow(new Reason(Layer.POLICY, "statement-allows"), "policy[0] Statement[0]", "ok");
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(log, privateOnly).fsyncInterval(Duration.ofMillis(2)).build())) {
            for (int i = 0; i < 30; i++) {
                assertThat(audit.append(AuditRecord.builder(Instant.EPOCH.plusSeconds(i), AuditRecord.Kind.REQUEST, allow)
                        .requestId("r" + i).method("GET").path("/orders/" + i).status(200).build())).isTrue();
            }
        }
    }

    @Test
    void aLogSignedWithAPkcs8KeyVerifiesWithThatKeyFileOrItsPublicHalf() throws IOException {
        Path pub = tmp.resolve("ed25519.pub");
        AuditKeys.writePublicKey(pub, pair.getPublic());

        CliRun withPrivateFile = CliRun.of("audit", "verify", log.toString(), "--key", privateOnly.toString());
        CliRun withPublic = CliRun.of("audit", "verify", log.toString(), "--key", pub.toString());

        String intact = "intact: 30 records from record 0, 1 checkpoints verified with key " + AuditKeys.keyId(pair.getPublic());
        assertThat(withPrivateFile.code()).as(withPrivateFile.err()).isEqualTo(ExitCodes.OK);
        assertThat(withPrivateFile.out()).contains(intact);
        assertThat(withPublic.code()).as(withPublic.err()).isEqualTo(ExitCodes.OK);
        assertThat(withPublic.out()).contains(intact);
    }

    @Test
    void aWrongKeyIsSaidOnceNotAsAForgeryPerCheckpoint() throws IOException {
        KeyPair other = AuditKeys.generate();
        Path otherPub = tmp.resolve("other.pub");
        AuditKeys.writePublicKey(otherPub, other.getPublic());

        CliRun r = CliRun.of("audit", "verify", log.toString(), "--key", otherPub.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(r.err()).isEqualTo("WRONG KEY: none of the 1 checkpoint(s) in checkpoints.log verifies with key "
                + AuditKeys.keyId(other.getPublic()) + "; they name key " + AuditKeys.keyId(pair.getPublic())
                + " (expected: --key with the public key of the signing key that wrote this log)\n");
        assertThat(r.out()).isEqualTo("not verified: wrong key " + AuditKeys.keyId(other.getPublic()) + "\n");
    }

    @Test
    void aDirectoryWithoutALogIsNotIntactAndSaysWhatIsMissing() throws IOException {
        Path sources = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(sources.resolve("pom.xml"), "<project/>");
        String missing = "MISSING: no audit log in " + sources + ": no segment-<index>.log and no checkpoints.log "
                + "(expected: an audit log directory, the audit.dir a node writes)\n";

        CliRun withKey = CliRun.of("audit", "verify", sources.toString(), "--key", privateOnly.toString());
        CliRun withoutKey = CliRun.of("audit", "verify", sources.toString());

        assertThat(withKey.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(withKey.err()).isEqualTo(missing);
        assertThat(withKey.out()).isEqualTo("not intact: nothing to verify\n");
        assertThat(withoutKey.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(withoutKey.err()).endsWith(missing);
    }

    @Test
    void aLogWhoseSegmentsAreAllGoneIsNotIntact() throws IOException {
        try (var segments = Files.newDirectoryStream(log, "segment-*.log")) {
            for (Path s : segments) {
                Files.delete(s);
            }
        }

        CliRun r = CliRun.of("audit", "verify", log.toString(), "--key", privateOnly.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(r.err()).isEqualTo("MISSING: every segment file is gone: " + log + " holds no segment-<index>.log, "
                + "but signed checkpoints cover 30 records (expected: the segments of the log, at least the one being written)\n");
    }
}
