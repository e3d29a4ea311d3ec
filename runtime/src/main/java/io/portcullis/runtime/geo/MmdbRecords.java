package io.portcullis.runtime.geo;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import java.util.Optional;

/**
 * The parts of a MaxMind record the node reads, as the reader decodes them: only the fields named here are
 * decoded (the country names in eight languages, the geoname ids and the rest are skipped), and the reader's
 * cache keeps one decoded instance per record, shared by every lookup that lands on it. So the instances are
 * immutable and carry what a lookup returns already wrapped: a cached lookup allocates nothing here.
 */
final class MmdbRecords {

    private MmdbRecords() {}

    /** {@code {"iso_code": ...}} or {@code {"code": ...}}. */
    public static final class Code {
        final String value;

        @MaxMindDbConstructor
        public Code(@MaxMindDbParameter(name = "iso_code") String isoCode, @MaxMindDbParameter(name = "code") String code) {
            this.value = isoCode != null ? isoCode : code;
        }
    }

    /** A Country or City record: {@code country.iso_code} and {@code continent.code}. */
    public static final class Location {
        final Optional<String> country;
        final Optional<String> continent;

        @MaxMindDbConstructor
        public Location(@MaxMindDbParameter(name = "country") Code country, @MaxMindDbParameter(name = "continent") Code continent) {
            this.country = Optional.ofNullable(country == null ? null : country.value);
            this.continent = Optional.ofNullable(continent == null ? null : continent.value);
        }

        boolean listed() {
            return country.isPresent() || continent.isPresent();
        }
    }

    /**
     * An Anonymous IP record. The database holds anonymous networks only, and answers the space between them
     * with an empty record (no flag set), which is "not listed".
     */
    public static final class Anonymous {
        final Optional<Anonymity> anonymity;

        @MaxMindDbConstructor
        public Anonymous(@MaxMindDbParameter(name = "is_anonymous") Boolean anonymous,
                         @MaxMindDbParameter(name = "is_anonymous_vpn") Boolean vpn,
                         @MaxMindDbParameter(name = "is_hosting_provider") Boolean hosting,
                         @MaxMindDbParameter(name = "is_public_proxy") Boolean publicProxy,
                         @MaxMindDbParameter(name = "is_residential_proxy") Boolean residentialProxy,
                         @MaxMindDbParameter(name = "is_tor_exit_node") Boolean torExit) {
            Anonymity a = new Anonymity(is(anonymous), is(vpn), is(hosting), is(publicProxy), is(residentialProxy), is(torExit));
            boolean listed = a.anonymous() || a.anonymousVpn() || a.hostingProvider() || a.publicProxy()
                    || a.residentialProxy() || a.torExitNode();
            this.anonymity = listed ? Optional.of(a) : Optional.empty();
        }

        private static boolean is(Boolean b) {
            return b != null && b;
        }
    }
}
