package io.portcullis.runtime.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.AnonymousIpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One opened MaxMind database, read whole into memory (so a file replaced on disk never changes what an open
 * reader sees) with the reader's node cache. Immutable and thread-safe, as MaxMind's reader is.
 */
final class GeoDatabase {

    /** What a database can answer. */
    enum Kind { COUNTRY, CITY, ANONYMOUS_IP }

    private final DatabaseReader reader;
    private final Kind kind;
    private final DatabaseInfo info;

    private GeoDatabase(DatabaseReader reader, Kind kind, DatabaseInfo info) {
        this.reader = reader;
        this.kind = kind;
        this.info = info;
    }

    /**
     * Opens {@code file}, which must be a MaxMind database of one of {@code accepted} kinds.
     *
     * @throws IllegalArgumentException saying what the file is and what was expected
     */
    static GeoDatabase open(Path file, String expected, Kind... accepted) {
        DatabaseReader reader;
        try (InputStream in = Files.newInputStream(file)) {
            reader = new DatabaseReader.Builder(in).fileMode(Reader.FileMode.MEMORY).withCache(new CHMCache()).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be read as a MaxMind database (" + e.getMessage()
                    + ") (expected: " + expected + ")", e);
        }
        String type = reader.getMetadata().getDatabaseType();
        Kind kind = type.contains("Anonymous-IP") ? Kind.ANONYMOUS_IP : type.contains("City") || type.contains("Enterprise")
                ? Kind.CITY : type.contains("Country") ? Kind.COUNTRY : null;
        if (kind == null || !java.util.List.of(accepted).contains(kind)) {
            throw new IllegalArgumentException("'" + file + "' is a " + type + " database (expected: " + expected + ")");
        }
        return new GeoDatabase(reader, kind, new DatabaseInfo(type, file, reader.getMetadata().getBuildDate().toInstant()));
    }

    DatabaseInfo info() {
        return info;
    }

    /** The country record of {@code address}, when the database lists it. */
    Optional<? extends AbstractCountryResponse> location(InetAddress address) {
        try {
            return kind == Kind.CITY ? reader.tryCity(address) : reader.tryCountry(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a corrupt in-memory database: the caller's deny-by-default applies
        } catch (GeoIp2Exception e) {
            return Optional.empty();
        }
    }

    /** The Anonymous IP record of {@code address}, when the database lists it. */
    Optional<AnonymousIpResponse> anonymity(InetAddress address) {
        try {
            return reader.tryAnonymousIp(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeoIp2Exception e) {
            return Optional.empty();
        }
    }
}
