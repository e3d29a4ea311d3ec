package io.portcullis.runtime.geo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Which database answered a lookup: its MaxMind type (e.g. {@code GeoIP2-Country}), its file and its build
 * time, so an explanation or an audit record says which edition of the data decided.
 */
public record DatabaseInfo(String type, Path file, Instant buildTime) {

    public DatabaseInfo {
        requireNonNull(type, "type");
        requireNonNull(file, "file");
        requireNonNull(buildTime, "buildTime");
    }

    @Override
    public String toString() {
        return type + " built " + buildTime + " (" + file.getFileName() + ")";
    }
}
