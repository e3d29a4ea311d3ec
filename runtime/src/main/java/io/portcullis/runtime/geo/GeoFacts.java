package io.portcullis.runtime.geo;

import java.util.Optional;

/**
 * What one lookup of a source address found. A fact is empty when its database is not configured or does not
 * list the address, so that a policy's {@code ...IfExists} and {@code Null} see an absent key, as IAM does.
 *
 * @param country the ISO 3166-1 alpha-2 code of the country (e.g. {@code GB})
 * @param continent the continent code (e.g. {@code EU})
 * @param anonymity the Anonymous IP database's record
 * @param locatedBy the database that gave {@code country}/{@code continent}, when one did
 * @param anonymityBy the database that gave {@code anonymity}, when one did
 */
public record GeoFacts(Optional<String> country, Optional<String> continent, Optional<Anonymity> anonymity,
                       Optional<DatabaseInfo> locatedBy, Optional<DatabaseInfo> anonymityBy) {

    /** Nothing known: no database, or none lists the address. */
    public static final GeoFacts NONE = new GeoFacts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** Whether the Anonymous IP database lists the address as anonymous. */
    public boolean anonymous() {
        return anonymity.map(Anonymity::anonymous).orElse(false);
    }
}
