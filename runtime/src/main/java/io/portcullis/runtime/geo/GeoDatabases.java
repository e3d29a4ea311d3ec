package io.portcullis.runtime.geo;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The databases in force, opened together: a location database (Country or City) and an Anonymous IP
 * database, either optional. Immutable: a change on disk yields a new instance that replaces this one whole.
 *
 * <p>A lookup is one tree walk per database, in memory; the records it lands on come decoded from the reader's
 * cache with their answers already wrapped ({@link MmdbRecords}), so a lookup allocates one {@link GeoFacts}
 * beyond what the reader allocates for its walk (docs/benchmarks.md: "Geo lookup").
 */
public final class GeoDatabases {

    static final GeoDatabases NONE = new GeoDatabases(null, null);

    private final GeoDatabase location;
    private final GeoDatabase anonymity;

    GeoDatabases(GeoDatabase location, GeoDatabase anonymity) {
        this.location = location;
        this.anonymity = anonymity;
    }

    /** The location database's identity, when one is open. */
    public Optional<DatabaseInfo> locationInfo() {
        return location == null ? Optional.empty() : location.answered();
    }

    /** The Anonymous IP database's identity, when one is open. */
    public Optional<DatabaseInfo> anonymityInfo() {
        return anonymity == null ? Optional.empty() : anonymity.answered();
    }

    /** What the databases say of {@code address} (an IPv4-mapped IPv6 address is looked up as IPv4). */
    public GeoFacts lookup(InetAddress address) {
        MmdbRecords.Location where = location == null ? null : location.location(address);
        boolean located = where != null && where.listed();
        MmdbRecords.Anonymous how = anonymity == null ? null : anonymity.anonymity(address);
        boolean anonymous = how != null && how.anonymity.isPresent();
        if (!located && !anonymous) {
            return GeoFacts.NONE;
        }
        return new GeoFacts(located ? where.country : Optional.empty(), located ? where.continent : Optional.empty(),
                anonymous ? how.anonymity : Optional.empty(), located ? location.answered() : Optional.empty(),
                anonymous ? anonymity.answered() : Optional.empty());
    }
}
