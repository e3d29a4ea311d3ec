package io.portcullis.cli.audit;

import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.verify.LogTree;
import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.cluster.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * The check of {@code audit verify --published/--control}: every checkpoint a node published to its control plane
 * must verify with the node's key and be a prefix of the log on disk (its root equal to the root of that many
 * records), else the log was rewritten after publication. Checkpoints older than what retention kept cannot be
 * recomputed; they are noted, not failed.
 */
final class PublishedCheckpoints {

    private PublishedCheckpoints() {}

    static int check(Path dir, PublicKey key, List<ControlClient.Accepted> published, PrintWriter out,
                     PrintWriter err) throws IOException {
        if (published.isEmpty()) {
            out.println("published: no checkpoint was published for this node; nothing to compare");
            return ExitCodes.OK;
        }
        LogTree tree = LogTree.read(dir);
        int checked = 0;
        for (int i = 0; i < published.size(); i++) {
            ControlClient.Accepted a = published.get(i);
            String where = "published checkpoint " + (i + 1) + " of " + published.size();
            Checkpoint c = CheckpointCodec.fromLine(a.checkpoint(), where);
            String problem = null;
            if (!CheckpointSigner.verifies(c, key)) {
                problem = "its signature does not verify with the log's key " + c.keyId();
            } else if (c.size() != a.treeSize() || !c.rootBase64().equals(a.rootHash())) {
                problem = "its treeSize/rootHash (" + a.treeSize() + ", " + a.rootHash()
                        + ") are not those of its signed text";
            } else if (c.size() < tree.base()) {
                out.println("note: " + where + " (size " + c.size() + ") is older than the first record kept ("
                        + tree.base() + "); retention removed what it covers");
                continue;
            } else {
                Optional<LogTree.Mismatch> m = tree.extend(c);
                problem = m.map(LogTree.Mismatch::reason).orElse(null);
            }
            if (problem != null) {
                err.println("NOT PUBLISHED AS IS: " + where + " (size " + c.size() + ", time " + c.time() + "): "
                        + problem);
                out.println("published: " + checked + " of " + published.size() + " checkpoints are prefixes of the "
                        + "log; " + where + " is not");
                return ExitCodes.DENIED;
            }
            checked++;
        }
        out.println("published: " + checked + " of " + published.size() + " checkpoints are prefixes of the log on "
                + "disk (" + tree.size() + " records)");
        return ExitCodes.OK;
    }
}
