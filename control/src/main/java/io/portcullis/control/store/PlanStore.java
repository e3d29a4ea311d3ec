package io.portcullis.control.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans (content-addressed by digest, with their files and change records) and promotions (the current-version
 * history). A plan once stored never changes: submitting the same digest again returns the stored one.
 */
public final class PlanStore {

    /** What is listed of a plan. */
    public record Summary(String digest, Instant createdAt, String createdBy, String description) {}

    /** A plan with its bundle's files. */
    public record StoredPlan(Summary summary, Map<String, String> files) {
        public StoredPlan {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /** A change record the bundle carries, as read at submission ({@code approvers}: who signed, comma-separated). */
    public record StoredChange(String path, String id, String from, String to, String author, String risk,
                               Instant expires, String approvers) {}

    /** Version {@code version} made {@code digest} current; {@code gate} says under which change control. */
    public record Promotion(long version, String digest, Instant promotedAt, String promotedBy, String gate) {}

    /** The outcome of a submission: the stored summary, and whether this call stored it. */
    public record Saved(Summary summary, boolean created) {}

    /** The promotion was refused because the current version moved while it was being checked. */
    public static final class CurrentMoved extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CurrentMoved(long expected, long actual) {
            super("the current version moved from " + expected + " to " + actual + " while the promotion was checked "
                    + "(expected: retry against version " + actual + ")");
        }
    }

    /** A change record was to be added at a path of a stored plan that holds another file. */
    public static final class PathTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PathTaken(String digest, String path) {
            super("files['" + path + "']: plan " + digest + " holds another file at this path (expected: a stored "
                    + "plan's files never change; add the record under a new name)");
        }
    }

    private final Database db;

    public PlanStore(Database db) {
        this.db = requireNonNull(db, "db");
    }

    /**
     * Stores the plan with its files and the change records it carries, unless its digest is stored already: then
     * nothing is written ({@code created} false) and the stored summary is answered. A stored plan's files never
     * change; change records given later are added with {@link #addRecords}.
     */
    public Saved save(Summary plan, Map<String, String> files, List<StoredChange> changes) {
        return db.transaction(c -> {
            boolean created;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO plans (digest, description, created_at, created_by) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING")) {
                s.setString(1, plan.digest());
                s.setString(2, plan.description());
                Sql.instant(s, 3, plan.createdAt());
                s.setString(4, plan.createdBy());
                created = s.executeUpdate() == 1;
            }
            if (!created) {
                return new Saved(summary(c, plan.digest()).orElseThrow(), false);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO plan_files (digest, path, content) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    s.setString(1, plan.digest());
                    s.setString(2, f.getKey());
                    s.setString(3, f.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            insertChanges(c, plan.digest(), changes);
            return new Saved(plan, true);
        });
    }

    /**
     * Adds new change-record files (and the records read from them) to the stored plan {@code digest}. A path that
     * holds a file already keeps it: adding the same text again changes nothing, other text is refused.
     *
     * @throws PathTaken if a path holds another file (a concurrent submission added one there first)
     */
    public void addRecords(String digest, Map<String, String> files, List<StoredChange> changes) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM plans WHERE digest = ? FOR UPDATE")) {
                s.setString(1, digest);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("no plan " + digest + " to add change records to");
                    }
                }
            }
            Map<String, String> stored = files(c, digest);
            for (Map.Entry<String, String> f : files.entrySet()) {
                String held = stored.get(f.getKey());
                if (held != null && !held.equals(f.getValue())) {
                    throw new PathTaken(digest, f.getKey());
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO plan_files (digest, path, content) VALUES (?, ?, ?) "
                    + "ON CONFLICT (digest, path) DO NOTHING")) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    s.setString(1, digest);
                    s.setString(2, f.getKey());
                    s.setString(3, f.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            insertChanges(c, digest, changes);
            return null;
        });
    }

    /** The change records of {@code digest}; a path already recorded keeps its record (its file never changes). */
    private static void insertChanges(java.sql.Connection c, String digest, List<StoredChange> changes)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO change_records (digest, path, change_id, from_digest, "
                + "to_digest, author, risk, expires, approvers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (digest, path) DO NOTHING")) {
            for (StoredChange r : changes) {
                s.setString(1, digest);
                s.setString(2, r.path());
                s.setString(3, r.id());
                s.setString(4, r.from());
                s.setString(5, r.to());
                s.setString(6, r.author());
                s.setString(7, r.risk());
                Sql.instant(s, 8, r.expires());
                s.setString(9, r.approvers());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every plan, newest first. */
    public List<Summary> list() {
        return db.transaction(c -> {
            List<Summary> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT digest, description, created_at, created_by FROM plans "
                         + "ORDER BY created_at DESC, digest")) {
                while (r.next()) {
                    out.add(summary(r));
                }
            }
            return out;
        });
    }

    /** The plan with its files. */
    public Optional<StoredPlan> plan(String digest) {
        return db.transaction(c -> {
            Optional<Summary> summary = summary(c, digest);
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new StoredPlan(summary.get(), files(c, digest)));
        });
    }

    /** The change records stored with the plan, by path. */
    public List<StoredChange> changes(String digest) {
        return db.transaction(c -> {
            List<StoredChange> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM change_records WHERE digest = ? ORDER BY path")) {
                s.setString(1, digest);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredChange(r.getString("path"), r.getString("change_id"), r.getString("from_digest"),
                                r.getString("to_digest"), r.getString("author"), r.getString("risk"),
                                Sql.instant(r, "expires"), r.getString("approvers")));
                    }
                }
            }
            return out;
        });
    }

    /** The current promotion (the highest version), if anything was ever promoted. */
    public Optional<Promotion> current() {
        return db.transaction(PlanStore::current);
    }

    /** The current version, 0 when nothing was ever promoted. */
    public long currentVersion() {
        return current().map(Promotion::version).orElse(0L);
    }

    /**
     * Makes {@code digest} current as the next version, provided the current version is still {@code expected}
     * (what the promotion was checked against; 0 for none).
     *
     * @throws CurrentMoved if another promotion came first
     */
    public Promotion promote(String digest, long expected, String by, Instant at, String gate) {
        return db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE promotions IN SHARE ROW EXCLUSIVE MODE");
            }
            long actual = current(c).map(Promotion::version).orElse(0L);
            if (actual != expected) {
                throw new CurrentMoved(expected, actual);
            }
            Promotion p = new Promotion(actual + 1, digest, at, by, gate);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO promotions (version, digest, promoted_at, "
                    + "promoted_by, gate) VALUES (?, ?, ?, ?, ?)")) {
                s.setLong(1, p.version());
                s.setString(2, digest);
                Sql.instant(s, 3, at);
                s.setString(4, by);
                s.setString(5, gate);
                s.executeUpdate();
            }
            return p;
        });
    }

    private static Optional<Promotion> current(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM promotions ORDER BY version DESC LIMIT 1")) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new Promotion(r.getLong("version"), r.getString("digest"), Sql.instant(r, "promoted_at"),
                    r.getString("promoted_by"), r.getString("gate")));
        }
    }

    private static Optional<Summary> summary(java.sql.Connection c, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT digest, description, created_at, created_by FROM plans "
                + "WHERE digest = ?")) {
            s.setString(1, digest);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(summary(r)) : Optional.empty();
            }
        }
    }

    private static Summary summary(ResultSet r) throws SQLException {
        return new Summary(r.getString("digest"), Sql.instant(r, "created_at"), r.getString("created_by"),
                r.getString("description"));
    }

    private static Map<String, String> files(java.sql.Connection c, String digest) throws SQLException {
        Map<String, String> files = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT path, content FROM plan_files WHERE digest = ? ORDER BY path")) {
            s.setString(1, digest);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    files.put(r.getString(1), r.getString(2));
                }
            }
        }
        return files;
    }
}
