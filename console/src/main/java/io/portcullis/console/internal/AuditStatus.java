package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.verify.AuditProver;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.config.node.AuditConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The Audit view: the newest signed checkpoints (the log's {@code checkpoints.log}, one per line), the
 * verification status ({@link AuditVerifier} with the public half of the node's signing key, at most every
 * {@link #VERIFY_EVERY}, since it reads the whole log), an inclusion proof for any record ({@link AuditProver}: the
 * document {@code portcullis audit prove} writes and {@code portcullis audit verify-proof} checks offline), and the
 * public key to check it with.
 */
final class AuditStatus {

    static final Duration VERIFY_EVERY = Duration.ofSeconds(30);
    static final int CHECKPOINTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditConfig audit;
    private final PublicKey key;
    private final Clock clock;
    private VerificationResult verified;
    private String verifyFailure;
    private Instant verifiedAt;

    AuditStatus(AuditConfig audit, Clock clock) throws IOException {
        this.audit = audit;
        this.key = AuditKeys.readSigningKey(audit.signingKey()).getPublic();
        this.clock = clock;
    }

    /** The newest checkpoints, newest first, and the verification status (read again when older than a while). */
    ObjectNode status() throws IOException {
        ObjectNode out = JSON.createObjectNode().put("dir", audit.dir().toString()).put("keyId", AuditKeys.keyId(key));
        ArrayNode checkpoints = out.putArray("checkpoints");
        Path file = audit.dir().resolve("checkpoints.log");
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0 && checkpoints.size() < CHECKPOINTS; i--) {
                try {
                    Checkpoint c = CheckpointCodec.fromLine(lines.get(i), "checkpoints.log:" + (i + 1));
                    checkpoints.add(CheckpointCodec.toJson(c));
                } catch (IllegalArgumentException e) {
                    // a line being written, or damage: verification below reports damage
                }
            }
        }
        ObjectNode v = out.putObject("verification");
        synchronized (this) {
            Instant now = clock.instant();
            if (verifiedAt == null || verifiedAt.plus(VERIFY_EVERY).isBefore(now)) {
                try {
                    verified = AuditVerifier.verify(audit.dir(), key);
                    verifyFailure = null;
                } catch (IOException | RuntimeException e) {
                    verified = null;
                    verifyFailure = e.getMessage();
                }
                verifiedAt = now;
            }
            v.put("at", verifiedAt.toString());
            if (verified == null) {
                v.put("intact", false).put("problem", verifyFailure);
            } else {
                v.put("intact", verified.intact()).put("records", verified.records()).put("firstRecord", verified.firstRecord())
                        .put("checkpoints", verified.checkpoints());
                verified.first().ifPresent(f -> v.put("problem", f.toString()));
                ArrayNode notes = v.putArray("notes");
                verified.notes().forEach(notes::add);
            }
        }
        return out;
    }

    /** The inclusion proof of {@code record}, as JSON; throws IllegalArgumentException when none can be made yet. */
    String proof(long record) throws IOException {
        return AuditProver.prove(audit.dir(), record, key).toJson();
    }

    /** The checkpoints' public key, PEM (X.509 SubjectPublicKeyInfo), for {@code verify-proof --key}. */
    String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
