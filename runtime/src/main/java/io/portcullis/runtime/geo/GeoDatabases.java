package io.portcullis.runtime.geo;

import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.AnonymousIpResponse;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The databases in force, opened together: a location database (Country or City) and an Anonymous IP
 * database, either optional. Immutable: a change on disk yields a new instance that replaces this one whole.
 *
 * <p>A lookup is two tree walks in memory (about 30 steps each for an IPv6 database), each node decoded once and
 * then served from the reader's cache; it allocates the reader's response objects and one {@link GeoFacts}.
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
        return location == null ? Optional.empty() : Optional.of(location.info());
    }

    /** The Anonymous IP database's identity, when one is open. */
    public Optional<DatabaseInfo> anonymityInfo() {
        return anonymity == null ? Optional.empty() : Optional.of(anonymity.info());
    }

    /** What the databases say of {@code address} (an IPv4-mapped IPv6 address is looked up as IPv4). */
    public GeoFacts lookup(InetAddress address) {
        Optional<String> country = Optional.empty();
        Optional<String> continent = Optional.empty();
        Optional<DatabaseInfo> locatedBy = Optional.empty();
        if (location != null) {
            Optional<? extends AbstractCountryResponse> r = location.location(address);
            if (r.isPresent()) {
                country = Optional.ofNullable(r.get().getCountry().getIsoCode());
                continent = Optional.ofNullable(r.get().getContinent().getCode());
                if (country.isPresent() || continent.isPresent()) {
                    locatedBy = Optional.of(location.info());
                }
            }
        }
        Optional<Anonymity> anonymous = Optional.empty();
        Optional<DatabaseInfo> anonymityBy = Optional.empty();
        if (anonymity != null) {
            Optional<AnonymousIpResponse> r = anonymity.anonymity(address);
            if (r.isPresent() && listed(r.get())) {
                AnonymousIpResponse a = r.get();
                anonymous = Optional.of(new Anonymity(a.isAnonymous(), a.isAnonymousVpn(), a.isHostingProvider(),
                        a.isPublicProxy(), a.isResidentialProxy(), a.isTorExitNode()));
                anonymityBy = Optional.of(anonymity.info());
            }
        }
        if (locatedBy.isEmpty() && anonymityBy.isEmpty()) {
            return GeoFacts.NONE;
        }
        return new GeoFacts(country, continent, anonymous, locatedBy, anonymityBy);
    }

    /**
     * Whether the Anonymous IP database really lists the address: it holds anonymous networks only, and the
     * reader answers the space between them with an empty record (every flag false), which is "not listed".
     */
    private static boolean listed(AnonymousIpResponse a) {
        return a.isAnonymous() || a.isAnonymousVpn() || a.isHostingProvider() || a.isPublicProxy()
                || a.isResidentialProxy() || a.isTorExitNode();
    }
}
