package io.portcullis.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.TestLogs;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.merkle.ConsistencyProof;
import io.portcullis.audit.merkle.InvalidProofException;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log on disk as a tree: its checkpoints are prefixes of it, and proofs between them verify. */
class LogTreeTest {

    @TempDir
    Path tmp;
    Path dir;
    KeyPair keys;

    @BeforeEach
    void writeLog() throws IOException {
        dir = tmp.resolve("log");
        keys = TestLogs.signingKey(tmp.resolve("signing.key"));
        AuditSettings settings = TestLogs.settings(dir, tmp.resolve("signing.key")).build();
        TestLogs.write(settings, 0, 30); // closing signs a checkpoint of 30
        TestLogs.write(settings, 30, 47); // and of 77
    }

    @Test
    void everyCheckpointOfTheLogIsAPrefixAndConsistentWithTheNext() throws IOException, InvalidProofException {
        LogTree tree = LogTree.read(dir);
        assertThat(tree.size()).isEqualTo(77);
        List<Checkpoint> checkpoints = LogTree.checkpoints(dir);
        Checkpoint at30 = checkpoints.stream().filter(c -> c.size() == 30).findFirst().orElseThrow();
        Checkpoint at77 = checkpoints.stream().filter(c -> c.size() == 77).findFirst().orElseThrow();
        assertThat(tree.extend(at30)).isEmpty();
        assertThat(tree.extend(at77)).isEmpty();
        ConsistencyProof proof = tree.consistency(30, 77);
        proof.verify(new MerkleHasher(), at30.root(), at77.root()); // throws when it does not hold
    }

    @Test
    void aCheckpointOfAnotherHistoryIsNotAPrefix() throws IOException {
        LogTree tree = LogTree.read(dir);
        CheckpointSigner signer = new CheckpointSigner(keys);
        Checkpoint forged = signer.sign(30, new MerkleHasher().leaf(new byte[] {1}), TestLogs.T0);
        assertThat(tree.extend(forged)).get().extracting(LogTree.Mismatch::reason)
                .isEqualTo("the first 30 records on disk have another root than the published one (the log was "
                        + "rewritten)");
        Checkpoint beyond = signer.sign(80, tree.root(77), TestLogs.T0);
        assertThat(tree.extend(beyond)).get().extracting(LogTree.Mismatch::reason)
                .isEqualTo("the log on disk holds 77 records, fewer than the 80 this checkpoint covers (records lost "
                        + "or removed)");
    }
}
