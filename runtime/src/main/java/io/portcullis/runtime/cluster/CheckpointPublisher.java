package io.portcullis.runtime.cluster;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.verify.LogTree;
import io.portcullis.runtime.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each new signed checkpoint of the node's audit log to the control plane
 * ({@code POST /v1/nodes/{id}/checkpoints}) with the RFC 9162 consistency proof from the latest checkpoint the
 * control plane accepted, built from the log on disk by the audit module ({@link LogTree}). The control plane
 * checks the proof against what it accepted before, so the node cannot rewrite its history even with its own key.
 *
 * <p>Runs on a control thread every few seconds: it reads {@code checkpoints.log} and, only when a checkpoint newer
 * than the accepted one is there, the log's records (one pass, 32 bytes of memory per record). Only the newest
 * checkpoint is published; the ones between are covered by its proof. One the control plane refuses (409) is
 * logged and counted and not sent again; the next checkpoint is tried against what it accepted.
 */
final class CheckpointPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);
    /** The public key the audit log keeps beside its segments (the node's own log: it wrote the file). */
    private static final String PUBLIC_KEY = "checkpoint-key.pub";

    private final ControlClient client;
    private final String nodeId;
    private final Node node;
    private final LinkState state;
    private ControlClient.Accepted accepted; // null until asked; treeSize 0 when none was accepted
    private long refusedSize = -1;

    CheckpointPublisher(ControlClient client, String nodeId, Node node, LinkState state) {
        this.client = client;
        this.nodeId = nodeId;
        this.node = node;
        this.state = state;
    }

    void publish() {
        Optional<Path> dir = node.auditDir();
        if (dir.isEmpty()) {
            return;
        }
        try {
            publish(dir.get());
        } catch (ControlClient.ControlException e) {
            log.warn("control: checkpoints: {}", e.getMessage());
        } catch (IOException e) {
            log.debug("control: checkpoints not published: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("control: publishing checkpoints failed", e);
        }
    }

    private void publish(Path dir) throws IOException, ControlClient.ControlException {
        List<Checkpoint> written = LogTree.checkpoints(dir);
        if (written.isEmpty()) {
            return;
        }
        Checkpoint newest = written.get(written.size() - 1);
        for (Checkpoint c : written) {
            newest = c.size() > newest.size() ? c : newest;
        }
        if (accepted == null) {
            List<ControlClient.Accepted> all = client.checkpoints(nodeId);
            accepted = all.isEmpty() ? new ControlClient.Accepted(0, null, null) : all.get(all.size() - 1);
        }
        if (newest.size() <= accepted.treeSize() || newest.size() == refusedSize) {
            return;
        }
        LogTree tree = LogTree.read(dir);
        if (newest.size() > tree.size() || !MessageDigest.isEqual(tree.root(newest.size()), newest.root())) {
            log.error("control: checkpoint of {} records does not match the log on disk ({} records); not published",
                    newest.size(), tree.size());
            refusedSize = newest.size();
            return;
        }
        List<String> proof = accepted.treeSize() == 0 ? List.of()
                : tree.consistency(accepted.treeSize(), newest.size()).path().stream()
                        .map(h -> Base64.getEncoder().encodeToString(h)).toList();
        String text = CheckpointCodec.toLine(newest);
        try {
            client.publish(nodeId, text, proof, AuditKeys.publicKeyPem(AuditKeys.readPublicKey(dir.resolve(PUBLIC_KEY))));
        } catch (ControlClient.ControlException e) {
            if (e.status() == 409) {
                refusedSize = newest.size();
                accepted = null; // ask again what the control plane holds
                state.checkpoint(false);
                log.error("control: the control plane refused the checkpoint of {} records: {}", newest.size(),
                        e.getMessage());
                return;
            }
            throw e;
        }
        accepted = new ControlClient.Accepted(newest.size(), newest.rootBase64(), text);
        state.checkpoint(true);
        log.debug("control: checkpoint of {} records published", newest.size());
    }
}
