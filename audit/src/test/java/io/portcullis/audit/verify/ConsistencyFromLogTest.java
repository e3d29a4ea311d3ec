package io.portcullis.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.TestLogs;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.merkle.ConsistencyProof;
import io.portcullis.audit.merkle.InvalidProofException;
import io.portcullis.audit.merkle.MerkleHasher;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node publishes with a checkpoint: the log's checkpoints as signed, and the consistency proof between two of
 * them, which verifies against their roots and not against a rewritten log's.
 */
class ConsistencyFromLogTest {

    @TempDir
    Path dir;

    @Test
    void provesALogOnlyAppendedBetweenTwoCheckpoints() throws Exception {
        Path key = dir.resolve("audit.key");
        KeyPair pair = TestLogs.signingKey(key);
        Path log = dir.resolve("log");
        TestLogs.write(TestLogs.settings(log, key).build(), 0, 9);
        TestLogs.write(TestLogs.settings(log, key).build(), 9, 14);
        List<Checkpoint> checkpoints = AuditProver.checkpoints(log);
        Checkpoint at9 = checkpoints.stream().filter(c -> c.size() == 9).reduce((a, b) -> b).orElseThrow();
        Checkpoint at23 = checkpoints.get(checkpoints.size() - 1);
        assertThat(at23.size()).isEqualTo(23);
        assertThat(at23.keyId()).isEqualTo(AuditKeys.keyId(pair.getPublic()));

        ConsistencyProof proof = AuditProver.consistency(log, 9, 23);
        proof.verify(new MerkleHasher(), at9.root(), at23.root());

        Path other = dir.resolve("rewritten");
        TestLogs.write(TestLogs.settings(other, key).build(), 100, 23);
        ConsistencyProof forged = AuditProver.consistency(other, 9, 23);
        Checkpoint rewritten = AuditProver.checkpoints(other).get(AuditProver.checkpoints(other).size() - 1);
        assertThatThrownBy(() -> forged.verify(new MerkleHasher(), at9.root(), rewritten.root()))
                .isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> AuditProver.consistency(log, 9, 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sizes 9, 24 (expected: 0 <= size1 <= size2 <= 23)");
    }

    @Test
    void parsesAPublicKeyAsKeygenWritesItAndRefusesAPrivateOne() throws Exception {
        KeyPair pair = AuditKeys.generate();
        assertThat(AuditKeys.parsePublicKey(AuditKeys.publicKeyPem(pair.getPublic()), "publicKey"))
                .isEqualTo(pair.getPublic());
        Path file = dir.resolve("k.key");
        AuditKeys.writeSigningKey(file, pair);
        assertThatThrownBy(() -> AuditKeys.parsePublicKey(java.nio.file.Files.readString(file), "publicKey"))
                .hasMessage("publicKey: holds a private key (expected: only the PUBLIC KEY block, as 'portcullis audit "
                        + "keygen' writes PREFIX.pub)");
    }
}
