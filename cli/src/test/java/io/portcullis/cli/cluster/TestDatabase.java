package io.portcullis.cli.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of its own on the machine's PostgreSQL (127.0.0.1:5432, trust, user postgres), dropped on close. */
final class TestDatabase implements AutoCloseable {

    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    final String name;

    TestDatabase(String prefix) throws SQLException {
        this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
    }

    /** The database as {@code portcullis control --db} takes it. */
    String url() {
        return "postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
