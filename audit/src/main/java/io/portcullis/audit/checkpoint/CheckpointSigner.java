package io.portcullis.audit.checkpoint;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;

/** Signs checkpoints with an Ed25519 key pair and verifies them with a public key. */
public final class CheckpointSigner {

    private final KeyPair keys;
    private final String keyId;

    /** Fails if the private and public halves of {@code keys} do not belong together. */
    public CheckpointSigner(KeyPair keys) {
        this.keys = requireNonNull(keys, "keys");
        this.keyId = AuditKeys.keyId(keys.getPublic());
        Checkpoint probe = sign(0, new byte[32], Instant.EPOCH);
        if (!verifies(probe, keys.getPublic())) {
            throw new IllegalArgumentException("keys: private and public key do not match (expected: one key pair)");
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    public Checkpoint sign(long size, byte[] root, Instant time) {
        try {
            Signature s = Signature.getInstance(AuditKeys.ALGORITHM);
            s.initSign(keys.getPrivate());
            s.update(Checkpoint.signedBytes(size, root, time));
            return new Checkpoint(size, root, time, keyId, s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code checkpoint}'s signature verifies with {@code key}. */
    public static boolean verifies(Checkpoint checkpoint, PublicKey key) {
        try {
            Signature s = Signature.getInstance(AuditKeys.ALGORITHM);
            s.initVerify(key);
            s.update(checkpoint.signedBytes());
            return s.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
