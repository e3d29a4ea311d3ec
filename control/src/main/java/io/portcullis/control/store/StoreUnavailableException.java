package io.portcullis.control.store;

import java.sql.SQLException;

/**
 * The database did not answer (down, unreachable, shutting down) or failed a statement: the API answers 503 and
 * {@code /healthz} reports unhealthy with this message; nothing was changed.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreUnavailableException from(SQLException e) {
        String what = Database.unreachable(e) ? "the database does not answer" : "a database statement failed";
        return new StoreUnavailableException(what + ": " + oneLine(e.getMessage()), e);
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : s.lines().findFirst().orElse("");
    }
}
