package io.portcullis.audit.verify;

import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.internal.CheckpointStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.TreeMap;

/**
 * The checkpoints of a log whose signatures verify, by tree size, plus the findings about those that do not:
 * bad signatures, malformed lines, sizes going backwards, and two signed roots for one size.
 */
final class CheckpointIndex {

    final TreeMap<Long, Checkpoint> bySize = new TreeMap<>();
    boolean tornLine;

    static CheckpointIndex load(Path dir, PublicKey key, List<Finding> findings) throws IOException {
        CheckpointIndex index = new CheckpointIndex();
        CheckpointStore.Contents contents = CheckpointStore.read(dir);
        index.tornLine = contents.tornLine();
        long previous = -1;
        for (CheckpointStore.Line line : contents.lines()) {
            String where = "checkpoints.log:" + line.number();
            Checkpoint c = line.checkpoint();
            if (c == null) {
                findings.add(new Finding(Damage.BAD_CHECKPOINT, -1, line.error()));
                continue;
            }
            if (!CheckpointSigner.verifies(c, key)) {
                findings.add(new Finding(Damage.BAD_SIGNATURE, -1, where + ": checkpoint of size " + c.size()
                        + " (key " + c.keyId() + ") does not verify with the given key; it was forged, altered, or "
                        + "signed with another key"));
                continue;
            }
            if (c.size() < previous) {
                findings.add(new Finding(Damage.BAD_CHECKPOINT, -1, where + ": size " + c.size()
                        + " after a checkpoint of size " + previous + " (expected: sizes never decrease)"));
            }
            previous = Math.max(previous, c.size());
            Checkpoint same = index.bySize.putIfAbsent(c.size(), c);
            if (same != null && !MessageDigest.isEqual(same.root(), c.root())) {
                findings.add(new Finding(Damage.BAD_CHECKPOINT, -1, where + ": a second signed root for size "
                        + c.size() + " (the log forked, or the signing key is compromised)"));
            }
        }
        return index;
    }

    long maxSize() {
        return bySize.isEmpty() ? 0 : bySize.lastKey();
    }
}
