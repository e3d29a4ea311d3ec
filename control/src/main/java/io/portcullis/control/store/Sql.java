package io.portcullis.control.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants in and out of {@code TIMESTAMPTZ} columns, always as UTC. */
final class Sql {

    private Sql() {}

    static void instant(PreparedStatement s, int index, Instant at) throws SQLException {
        s.setObject(index, at == null ? null : at.atOffset(ZoneOffset.UTC));
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
