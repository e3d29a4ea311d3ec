package io.portcullis.control;

import io.portcullis.control.store.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of its own on the machine's PostgreSQL (127.0.0.1:5432, trust, user postgres), dropped on close. */
final class TestDatabase implements AutoCloseable {

    private final String admin;
    private final String host;
    final String name;

    private TestDatabase(String host, String name) throws SQLException {
        this.host = host;
        this.admin = "jdbc:postgresql://" + host + "/postgres?user=postgres";
        this.name = name;
        execute("CREATE DATABASE " + name);
    }

    /** A new database on the machine's PostgreSQL. */
    static TestDatabase create(String prefix) throws SQLException {
        return create("127.0.0.1:5432", prefix);
    }

    /** A new database on the PostgreSQL at {@code host} ({@code HOST:PORT}). */
    static TestDatabase create(String host, String prefix) throws SQLException {
        return new TestDatabase(host, prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    DatabaseUrl url() {
        return DatabaseUrl.parse("postgresql://" + host + "/" + name + "?user=postgres");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
