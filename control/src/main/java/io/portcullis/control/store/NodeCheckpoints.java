package io.portcullis.control.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each node's pinned audit public key, its accepted checkpoints (oldest first) and the attempts refused. A posted
 * checkpoint is judged and recorded in one transaction holding the node's key row, so two posts of one node are
 * judged one after the other, each against the latest accepted.
 */
public final class NodeCheckpoints {

    /** The key a node's checkpoints must verify with (PEM, as {@code audit keygen} writes it). */
    public record PinnedKey(String nodeId, String publicKey, String keyId, Instant pinnedAt, String pinnedBy) {}

    /** An accepted checkpoint: its size, base64 root and the signed text exactly as posted. */
    public record Accepted(long treeSize, String rootHash, String checkpoint, Instant acceptedAt) {}

    /** A posted checkpoint, as it is recorded. */
    public record Attempt(String nodeId, String checkpoint, long treeSize, String rootHash, String consistency,
                          String caller, Instant at) {}

    /** What the judge made of an attempt. */
    public sealed interface Verdict permits Accept, Identical, Refuse {}

    /** Consistent with the history: appended. */
    public record Accept() implements Verdict {}

    /** The latest accepted checkpoint again: nothing recorded. */
    public record Identical() implements Verdict {}

    /** Refused for {@code reason}: recorded with it. */
    public record Refuse(String reason) implements Verdict {}

    /** Judges an attempt against the node's pinned key and its latest accepted checkpoint (empty for the first). */
    @FunctionalInterface
    public interface Judge {
        Verdict judge(PinnedKey key, Optional<Accepted> latest);
    }

    /** Answers what to pin when the node has no key yet: the key offered with the attempt, or a refusal. */
    @FunctionalInterface
    public interface FirstKey {
        Optional<PinnedKey> offered();
    }

    private final Database db;

    public NodeCheckpoints(Database db) {
        this.db = requireNonNull(db, "db");
    }

    /** The node's pinned key. */
    public Optional<PinnedKey> key(String nodeId) {
        return db.transaction(c -> key(c, nodeId, false));
    }

    /** Pins {@code key} unless the node has one; returns the pinned key (the one given, or the one already there). */
    public PinnedKey pin(PinnedKey key) {
        return db.transaction(c -> pin(c, key));
    }

    /**
     * Judges {@code attempt} with the node's key (pinning {@code first}'s offer when it has none) and records it:
     * appended when accepted, in the refused attempts with the reason when refused.
     */
    public Verdict post(Attempt attempt, FirstKey first, Judge judge) {
        return db.transaction(c -> {
            Optional<PinnedKey> key = key(c, attempt.nodeId(), true);
            if (key.isEmpty()) {
                Optional<PinnedKey> offered = first.offered();
                if (offered.isEmpty()) {
                    Refuse r = new Refuse("node " + attempt.nodeId() + " has no pinned audit key (expected: publicKey "
                            + "with its first checkpoint, or an operator's PUT /v1/nodes/" + attempt.nodeId() + "/key)");
                    refused(c, attempt, r.reason());
                    return r;
                }
                pin(c, offered.get());
                key = key(c, attempt.nodeId(), true);
            }
            Verdict v = judge.judge(key.orElseThrow(), latest(c, attempt.nodeId()));
            if (v instanceof Accept) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO checkpoints (node_id, tree_size, root_hash, "
                        + "checkpoint, accepted_at) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, attempt.nodeId());
                    s.setLong(2, attempt.treeSize());
                    s.setString(3, attempt.rootHash());
                    s.setString(4, attempt.checkpoint());
                    Sql.instant(s, 5, attempt.at());
                    s.executeUpdate();
                }
            } else if (v instanceof Refuse r) {
                refused(c, attempt, r.reason());
            }
            return v;
        });
    }

    /** The node's accepted checkpoints, oldest first. */
    public List<Accepted> accepted(String nodeId) {
        return db.transaction(c -> {
            List<Accepted> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT tree_size, root_hash, checkpoint, accepted_at FROM "
                    + "checkpoints WHERE node_id = ? ORDER BY id")) {
                s.setString(1, nodeId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(accepted(r));
                    }
                }
            }
            return out;
        });
    }

    /** The reasons of the node's refused attempts, oldest first. */
    public List<String> refusals(String nodeId) {
        return db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT reason FROM refused_checkpoints WHERE node_id = ? ORDER BY id")) {
                s.setString(1, nodeId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private static PinnedKey pin(Connection c, PinnedKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO node_keys (node_id, public_key, key_id, pinned_at, "
                + "pinned_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (node_id) DO NOTHING")) {
            s.setString(1, key.nodeId());
            s.setString(2, key.publicKey());
            s.setString(3, key.keyId());
            Sql.instant(s, 4, key.pinnedAt());
            s.setString(5, key.pinnedBy());
            s.executeUpdate();
        }
        return key(c, key.nodeId(), false).orElseThrow();
    }

    private static Optional<PinnedKey> key(Connection c, String nodeId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM node_keys WHERE node_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, nodeId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new PinnedKey(r.getString("node_id"), r.getString("public_key"),
                        r.getString("key_id"), Sql.instant(r, "pinned_at"), r.getString("pinned_by"))) : Optional.empty();
            }
        }
    }

    private static Optional<Accepted> latest(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT tree_size, root_hash, checkpoint, accepted_at FROM checkpoints "
                + "WHERE node_id = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, nodeId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(accepted(r)) : Optional.empty();
            }
        }
    }

    private static Accepted accepted(ResultSet r) throws SQLException {
        return new Accepted(r.getLong("tree_size"), r.getString("root_hash"), r.getString("checkpoint"),
                Sql.instant(r, "accepted_at"));
    }

    private static void refused(Connection c, Attempt a, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO refused_checkpoints (node_id, checkpoint, consistency, "
                + "reason, caller, at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, a.nodeId());
            s.setString(2, a.checkpoint());
            s.setString(3, a.consistency());
            s.setString(4, reason);
            s.setString(5, a.caller());
            Sql.instant(s, 6, a.at());
            s.executeUpdate();
        }
    }
}
