package io.portcullis.control.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's PostgreSQL: a small pool (HikariCP) that starts even when the database is down and keeps
 * trying, and the schema brought up to date by Flyway the first time the database answers (at start, or when it
 * comes back). Every use runs in one transaction ({@link #transaction}); a database that does not answer is a
 * {@link StoreUnavailableException}, which the API answers 503, never a crash.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** One unit of work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;
    private final java.util.concurrent.locks.ReentrantLock migrating = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean migrated;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** A pool on {@code url} (a JDBC URL); nothing is connected yet. */
    public static Database open(DatabaseUrl url) {
        requireNonNull(url, "url");
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        c.setPoolName("control-db");
        c.setMaximumPoolSize(8);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(1_500); // a request waits at most this long for a database that is down
        c.setValidationTimeout(1_000);
        c.setInitializationFailTimeout(-1); // start without the database; connect when it answers
        c.setAutoCommit(false);
        c.addDataSourceProperty("connectTimeout", "2");
        c.addDataSourceProperty("socketTimeout", "30");
        c.addDataSourceProperty("ApplicationName", "portcullis-control");
        return new Database(new HikariDataSource(c));
    }

    /** Runs {@code work} in a transaction (committed when it returns, rolled back when it throws). */
    public <T> T transaction(Work<T> work) {
        migrate();
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.from(e);
        }
    }

    /** Whether the database answers now (and the schema is in place): what {@code /healthz} reports. */
    public void check() {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(2);
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    /**
     * Brings the schema up to date once, as soon as the database answers. One thread migrates; a request that
     * arrives meanwhile waits for it a little (a migration takes well under a second), then is answered unavailable
     * rather than queued behind an attempt on a database that does not answer.
     */
    public void migrate() {
        if (migrated) {
            return;
        }
        try {
            if (!migrating.tryLock(3, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new StoreUnavailableException("the database schema is being brought up to date (retry)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the schema was brought up to date", e);
        }
        try {
            if (migrated) {
                return;
            }
            var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .failOnMissingLocations(true).load().migrate();
            LOG.info("database schema up to date ({} migrations applied now)", result.migrationsExecuted);
            migrated = true;
        } catch (org.flywaydb.core.api.FlywayException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            if (cause instanceof SQLException sql) {
                throw StoreUnavailableException.from(sql);
            }
            throw new StoreUnavailableException("the schema cannot be migrated: " + e.getMessage(), e);
        } finally {
            migrating.unlock();
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool evicts it
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Whether {@code e} means the database cannot be reached (rather than a statement being wrong). */
    static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || state == null || state.startsWith("08")
                || state.startsWith("57P") || state.startsWith("53");
    }
}
