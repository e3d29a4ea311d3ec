package io.portcullis.runtime.geo;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.node.GeoConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's answer to "where does this address come from": the databases of a {@code geo} section, opened
 * when the plan is compiled (so {@code validate} refuses a file {@code run} could not serve) and reopened by
 * {@link #refresh} when a file changed on disk. Readers see one {@link GeoDatabases} through a volatile field;
 * a refresh opens the new files completely before it swaps, and a file that cannot be opened keeps the last
 * good databases (the failure is returned for the caller to log).
 *
 * <p>{@link #NONE} answers {@link GeoFacts#NONE} for every address: a node without a {@code geo} section.
 */
public final class GeoLocator {

    /** No databases. */
    public static final GeoLocator NONE = new GeoLocator(null, GeoDatabases.NONE, List.of());

    private static final String LOCATION = "a GeoIP2 or GeoLite2 Country or City database";
    private static final String ANONYMOUS = "a GeoIP2 Anonymous IP database";

    private final GeoConfig config;
    private volatile GeoDatabases databases;
    private volatile List<Object> stamps; // what the files looked like when opened: a change reopens them

    private GeoLocator(GeoConfig config, GeoDatabases databases, List<Object> stamps) {
        this.config = config;
        this.databases = databases;
        this.stamps = stamps;
    }

    /**
     * Opens the databases of {@code config}.
     *
     * @throws IllegalArgumentException starting with the configuration path ({@code geo.country: ...})
     */
    public static GeoLocator open(GeoConfig config) {
        requireNonNull(config, "config");
        List<Object> stamps = stamps(config);
        return new GeoLocator(config, databases(config), stamps);
    }

    /** What the databases in force say of {@code address}. */
    public GeoFacts lookup(InetAddress address) {
        return databases.lookup(address);
    }

    /** The databases in force. */
    public GeoDatabases databases() {
        return databases;
    }

    /** The section these databases come from, when there is one. */
    public Optional<GeoConfig> config() {
        return Optional.ofNullable(config);
    }

    /**
     * Reopens the databases when a file changed (modification time, size or identity) since they were opened.
     *
     * @return empty when nothing changed or the new files are in force; else why the last good ones stay
     */
    public Optional<String> refresh() {
        if (config == null) {
            return Optional.empty();
        }
        List<Object> now = stamps(config);
        if (now.equals(stamps)) {
            return Optional.empty();
        }
        try {
            GeoDatabases fresh = databases(config);
            databases = fresh;
            stamps = now;
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            stamps = now; // report a broken file once, not on every check; its next change is tried again
            return Optional.of(e.getMessage());
        }
    }

    private static GeoDatabases databases(GeoConfig config) {
        GeoDatabase location = config.country().map(p -> open("geo.country", p, LOCATION,
                GeoDatabase.Kind.COUNTRY, GeoDatabase.Kind.CITY)).orElse(null);
        GeoDatabase anonymity = config.anonymousIp().map(p -> open("geo.anonymousIp", p, ANONYMOUS,
                GeoDatabase.Kind.ANONYMOUS_IP)).orElse(null);
        return new GeoDatabases(location, anonymity);
    }

    private static GeoDatabase open(String at, Path file, String expected, GeoDatabase.Kind... kinds) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(at + ": '" + file + "' " + (Files.exists(file) ? "is not a readable file"
                    : "does not exist") + " (expected: " + expected + ")");
        }
        try {
            return GeoDatabase.open(file, expected, kinds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> stamps(GeoConfig config) {
        return List.of(stamp(config.country()), stamp(config.anonymousIp()));
    }

    private static Object stamp(Optional<Path> file) {
        if (file.isEmpty()) {
            return "";
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file.get(), BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), Objects.toString(a.fileKey()));
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
