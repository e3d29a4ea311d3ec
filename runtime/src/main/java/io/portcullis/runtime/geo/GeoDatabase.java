package io.portcullis.runtime.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One opened MaxMind database, read whole into memory (so a file replaced on disk never changes what an open
 * reader sees) with the reader's cache of decoded records. A lookup walks the search tree (up to 128 steps for
 * IPv6, 32 below the IPv4 subtree) and returns the cached {@link MmdbRecords} instance of the record it lands
 * on. Immutable and thread-safe, as MaxMind's reader is.
 */
final class GeoDatabase {

    /** What a database can answer. */
    enum Kind { COUNTRY, CITY, ANONYMOUS_IP }

    private final Reader reader;
    private final Kind kind;
    private final DatabaseInfo info;
    private final Optional<DatabaseInfo> answered;

    private GeoDatabase(Reader reader, Kind kind, DatabaseInfo info) {
        this.reader = reader;
        this.kind = kind;
        this.info = info;
        this.answered = Optional.of(info);
    }

    /**
     * Opens {@code file}, which must be a MaxMind database of one of {@code accepted} kinds.
     *
     * @throws IllegalArgumentException saying what the file is and what was expected
     */
    static GeoDatabase open(Path file, String expected, Kind... accepted) {
        Reader reader;
        try (InputStream in = Files.newInputStream(file)) {
            reader = new Reader(in, new CHMCache());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be read as a MaxMind database (" + e.getMessage()
                    + ") (expected: " + expected + ")", e);
        }
        String type = reader.getMetadata().getDatabaseType();
        Kind kind = type.contains("Anonymous-IP") ? Kind.ANONYMOUS_IP : type.contains("City") || type.contains("Enterprise")
                ? Kind.CITY : type.contains("Country") ? Kind.COUNTRY : null;
        if (kind == null || !List.of(accepted).contains(kind)) {
            throw new IllegalArgumentException("'" + file + "' is a " + type + " database (expected: " + expected + ")");
        }
        return new GeoDatabase(reader, kind, new DatabaseInfo(type, file, reader.getMetadata().getBuildDate().toInstant()));
    }

    DatabaseInfo info() {
        return info;
    }

    /** {@code Optional.of(info())}, made once. */
    Optional<DatabaseInfo> answered() {
        return answered;
    }

    /** The location record of {@code address}, or null when the database does not list it. */
    MmdbRecords.Location location(InetAddress address) {
        return get(address, MmdbRecords.Location.class);
    }

    /** The Anonymous IP record of {@code address}, or null when the database holds none for it. */
    MmdbRecords.Anonymous anonymity(InetAddress address) {
        return get(address, MmdbRecords.Anonymous.class);
    }

    private <T> T get(InetAddress address, Class<T> type) {
        try {
            return reader.get(address, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a corrupt in-memory database: the caller's deny-by-default applies
        }
    }
}
