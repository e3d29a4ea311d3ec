package io.portcullis.audit.verify;

import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.internal.CheckpointStore;
import io.portcullis.audit.internal.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checkpoints of a log whose signatures verify, by tree size, plus the findings about those that do not:
 * bad signatures, malformed lines, sizes going backwards, and two signed roots for one size. When none verifies
 * and each names another key than the given one, that is one finding, {@link Damage#WRONG_KEY}, not one forgery
 * per line: a checkpoint that names the given key and fails is a forgery, one that names another key is most
 * likely checked with the wrong key.
 */
final class CheckpointIndex {

    final TreeMap<Long, Checkpoint> bySize = new TreeMap<>();
    boolean tornLine;
    /** Whether {@code checkpoints.log} exists. */
    boolean present;
    /** The {@link Damage#WRONG_KEY} finding, or null. */
    Finding wrongKey;

    static CheckpointIndex load(Path dir, PublicKey key, List<Finding> findings) throws IOException {
        CheckpointIndex index = new CheckpointIndex();
        CheckpointStore.Contents contents = CheckpointStore.read(dir);
        index.tornLine = contents.tornLine();
        index.present = Files.exists(dir.resolve(SegmentFiles.CHECKPOINTS));
        String given = AuditKeys.keyId(key);
        Set<String> otherKeys = new TreeSet<>();
        int unverified = 0;
        boolean forged = false;
        List<Finding> own = new ArrayList<>();
        long previous = -1;
        for (CheckpointStore.Line line : contents.lines()) {
            String where = "checkpoints.log:" + line.number();
            Checkpoint c = line.checkpoint();
            if (c == null) {
                own.add(new Finding(Damage.BAD_CHECKPOINT, -1, line.error()));
                continue;
            }
            if (!CheckpointSigner.verifies(c, key)) {
                unverified++;
                forged |= c.keyId().equals(given);
                otherKeys.add(c.keyId());
                own.add(new Finding(Damage.BAD_SIGNATURE, -1, where + ": checkpoint of size " + c.size()
                        + " (key " + c.keyId() + ") does not verify with the given key; it was forged, altered, or "
                        + "signed with another key"));
                continue;
            }
            if (c.size() < previous) {
                own.add(new Finding(Damage.BAD_CHECKPOINT, -1, where + ": size " + c.size()
                        + " after a checkpoint of size " + previous + " (expected: sizes never decrease)"));
            }
            previous = Math.max(previous, c.size());
            Checkpoint same = index.bySize.putIfAbsent(c.size(), c);
            if (same != null && !MessageDigest.isEqual(same.root(), c.root())) {
                own.add(new Finding(Damage.BAD_CHECKPOINT, -1, where + ": a second signed root for size "
                        + c.size() + " (the log forked, or the signing key is compromised)"));
            }
        }
        if (index.bySize.isEmpty() && unverified > 0 && !forged) {
            index.wrongKey = new Finding(Damage.WRONG_KEY, -1, "none of the " + unverified + " checkpoint(s) in "
                    + SegmentFiles.CHECKPOINTS + " verifies with key " + given + "; they name key "
                    + String.join(", ", otherKeys) + " (expected: the public key of the signing key that wrote this log)");
            own.removeIf(f -> f.damage() == Damage.BAD_SIGNATURE);
            own.add(index.wrongKey);
        }
        findings.addAll(own);
        return index;
    }

    long maxSize() {
        return bySize.isEmpty() ? 0 : bySize.lastKey();
    }
}
