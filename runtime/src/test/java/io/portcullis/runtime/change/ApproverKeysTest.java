package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.checkpoint.AuditKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approvers' keys as PEM or OKP JWK; a public-key slot that holds a private key is refused, never echoed. */
class ApproverKeysTest {

    @TempDir
    Path dir;

    private final KeyPair pair = AuditKeys.generate();

    @Test
    void readsPemAndJwkKeysThatSignAndVerifyTheSameApproval() throws Exception {
        Path pem = dir.resolve("a.pub");
        AuditKeys.writePublicKey(pem, pair.getPublic());
        AuditKeys.writeSigningKey(dir.resolve("a.key"), pair);
        byte[] x = Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44);
        byte[] d = Arrays.copyOfRange(pair.getPrivate().getEncoded(), 16, 48);
        Path jwkPublic = Files.writeString(dir.resolve("a.jwk"), "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + b64(x) + "\"}");
        Path jwkPrivate = Files.writeString(dir.resolve("a.private.jwk"), "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\""
                + b64(x) + "\",\"d\":\"" + b64(d) + "\"}");
        ChangeRecord r = new ChangeRecord("chg-1", ChangeRecord.NONE, "sha256:" + "b".repeat(64), "dave", "first",
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1), new RiskAssessment(RiskLevel.HIGH, List.of()), Optional.empty(), null);

        Approval fromJwk = ApprovalSignatures.sign(r, "bob", ApprovalSignatures.readSigningKey(jwkPrivate));
        Approval fromPem = ApprovalSignatures.sign(r, "bob", ApprovalSignatures.readSigningKey(dir.resolve("a.key")));

        assertThat(fromJwk).isEqualTo(fromPem); // Ed25519 is deterministic
        assertThat(ApprovalSignatures.verifies(fromJwk, r.digest(), ApprovalSignatures.readPublicKey(pem))).isTrue();
        assertThat(ApprovalSignatures.verifies(fromPem, r.digest(), ApprovalSignatures.readPublicKey(jwkPublic))).isTrue();
    }

    @Test
    void refusesAPrivateKeyWhereAPublicKeyBelongs() throws Exception {
        AuditKeys.writeSigningKey(dir.resolve("a.key"), pair);
        Path jwk = Files.writeString(dir.resolve("a.jwk"), "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"d\":\"secret\"}");

        assertThatThrownBy(() -> ApprovalSignatures.readPublicKey(dir.resolve("a.key")))
                .hasMessageContaining("holds a private key").hasMessageNotContaining("PRIVATE KEY-----");
        assertThatThrownBy(() -> ApprovalSignatures.readPublicKey(jwk))
                .hasMessageContaining("holds a private key").hasMessageNotContaining("secret");
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
