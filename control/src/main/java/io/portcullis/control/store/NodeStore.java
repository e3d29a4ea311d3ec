package io.portcullis.control.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes as of their last heartbeat, every heartbeat of the last day, and what each node served (one row per run of
 * heartbeats naming the same digest). A node is live while its last heartbeat is younger than {@code liveFor}.
 */
public final class NodeStore {

    /**
     * What a node reported; {@code counters} is a JSON object as the node sent it; {@code console} the address of its
     * web console ({@code https://HOST:PORT/}), or null.
     */
    public record Heartbeat(String digest, boolean ready, String notReady, Instant startedAt, String counters,
                            String console) {
        public Heartbeat {
            requireNonNull(digest, "digest");
            requireNonNull(counters, "counters");
        }
    }

    /** A node as of its last heartbeat. */
    public record NodeState(String nodeId, Heartbeat last, Instant lastSeen, boolean live) {}

    /** The node served {@code digest} from {@code from} until at least {@code to} (its last heartbeat with it). */
    public record Served(String digest, Instant from, Instant to) {}

    private static final Duration KEEP_HEARTBEATS = Duration.ofDays(1);

    private final Database db;
    private final Duration liveFor;

    public NodeStore(Database db, Duration liveFor) {
        this.db = requireNonNull(db, "db");
        this.liveFor = requireNonNull(liveFor, "liveFor");
    }

    /** Records a heartbeat of {@code nodeId} at {@code at}; returns how many nodes are live now. */
    public int heartbeat(String nodeId, Heartbeat h, Instant at) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO nodes (node_id, digest, ready, not_ready, started_at, "
                    + "counters, first_seen, last_seen, console) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET "
                    + "digest = EXCLUDED.digest, ready = EXCLUDED.ready, not_ready = EXCLUDED.not_ready, "
                    + "started_at = EXCLUDED.started_at, counters = EXCLUDED.counters, last_seen = EXCLUDED.last_seen, "
                    + "console = EXCLUDED.console")) {
                s.setString(1, nodeId);
                s.setString(2, h.digest());
                s.setBoolean(3, h.ready());
                s.setString(4, h.notReady());
                Sql.instant(s, 5, h.startedAt());
                s.setString(6, h.counters());
                Sql.instant(s, 7, at);
                Sql.instant(s, 8, at);
                s.setString(9, h.console());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO heartbeats (node_id, at, digest, ready, not_ready, "
                    + "counters) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, nodeId);
                Sql.instant(s, 2, at);
                s.setString(3, h.digest());
                s.setBoolean(4, h.ready());
                s.setString(5, h.notReady());
                s.setString(6, h.counters());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM heartbeats WHERE node_id = ? AND at < ?")) {
                s.setString(1, nodeId);
                Sql.instant(s, 2, at.minus(KEEP_HEARTBEATS));
                s.executeUpdate();
            }
            served(c, nodeId, h.digest(), at);
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM nodes WHERE last_seen > ?")) {
                Sql.instant(s, 1, at.minus(liveFor));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** Extends the node's open run of {@code digest}, or opens a new one when it serves another digest now. */
    private static void served(Connection c, String nodeId, String digest, Instant at) throws SQLException {
        long open = -1;
        String openDigest = null;
        try (PreparedStatement s = c.prepareStatement("SELECT id, digest FROM node_served WHERE node_id = ? "
                + "ORDER BY id DESC LIMIT 1 FOR UPDATE")) {
            s.setString(1, nodeId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    open = r.getLong(1);
                    openDigest = r.getString(2);
                }
            }
        }
        if (digest.equals(openDigest)) {
            try (PreparedStatement s = c.prepareStatement("UPDATE node_served SET to_time = ? WHERE id = ?")) {
                Sql.instant(s, 1, at);
                s.setLong(2, open);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO node_served (node_id, digest, from_time, to_time) "
                + "VALUES (?, ?, ?, ?)")) {
            s.setString(1, nodeId);
            s.setString(2, digest);
            Sql.instant(s, 3, at);
            Sql.instant(s, 4, at);
            s.executeUpdate();
        }
    }

    /** Every node known, by id, live or not as of {@code now}. */
    public List<NodeState> nodes(Instant now) {
        return db.transaction(c -> {
            List<NodeState> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM nodes ORDER BY node_id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant seen = Sql.instant(r, "last_seen");
                    out.add(new NodeState(r.getString("node_id"), new Heartbeat(r.getString("digest"), r.getBoolean("ready"),
                            r.getString("not_ready"), Sql.instant(r, "started_at"), r.getString("counters"),
                            r.getString("console")), seen,
                            seen.isAfter(now.minus(liveFor))));
                }
            }
            return out;
        });
    }

    /** What the node served, oldest first; empty for a node never heard of. */
    public List<Served> history(String nodeId) {
        return db.transaction(c -> {
            List<Served> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT digest, from_time, to_time FROM node_served "
                    + "WHERE node_id = ? ORDER BY id")) {
                s.setString(1, nodeId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Served(r.getString(1), Sql.instant(r, "from_time"), Sql.instant(r, "to_time")));
                    }
                }
            }
            return out;
        });
    }

    /** Whether a heartbeat of {@code nodeId} was ever recorded. */
    public boolean known(String nodeId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM nodes WHERE node_id = ?")) {
                s.setString(1, nodeId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }
}
