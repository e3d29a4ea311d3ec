package io.portcullis.runtime.auth;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.runtime.geo.GeoFacts;
import java.util.List;
import java.util.Set;

/**
 * {@code routes[].requires.countries} and {@code requires.notAnonymous}: where a caller of one route may come
 * from. An address the location database does not list is in no country, so a route that names countries
 * refuses it; an address the Anonymous IP database does not list is not anonymous. Immutable.
 */
record GeoRequirement(String route, Set<String> countries, boolean notAnonymous) {

    /** The source is in none of the route's countries (or in no country the database knows). */
    static final Reason COUNTRY_NOT_ALLOWED = new Reason(Layer.POLICY, "country-not-allowed");
    /** The source is an anonymous network (VPN, hosting provider, public proxy, Tor exit, ...). */
    static final Reason ANONYMOUS_NETWORK = new Reason(Layer.POLICY, "anonymous-network");

    /** Met: the source is where the route requires (the databases that said so are added to the detail). */
    static final Decision MET = Decision.allow(new Reason(Layer.POLICY, "location-allowed"), "routes[].requires",
            "the route's location requirements are met");

    GeoRequirement {
        countries = Set.copyOf(countries);
    }

    static GeoRequirement of(String route, List<String> countries, boolean notAnonymous) {
        return new GeoRequirement(route, Set.copyOf(countries), notAnonymous);
    }

    /** Null when met; else the denial, naming the database that decided and its build time. */
    Decision check(GeoFacts facts) {
        if (!countries.isEmpty()) {
            String country = facts.country().orElse(null);
            if (country == null || !countries.contains(country)) {
                return Decision.deny(COUNTRY_NOT_ALLOWED, "routes " + route + ".requires.countries",
                        (country == null ? "the source address is in no country the database lists"
                                : "the source address is in " + country) + " (expected: one of "
                                + countries.stream().sorted().toList() + "; "
                                + facts.locatedBy().map(Object::toString).orElse("no location database answered") + ")");
            }
        }
        if (notAnonymous && facts.anonymous()) {
            return Decision.deny(ANONYMOUS_NETWORK, "routes " + route + ".requires.notAnonymous",
                    "the source address is an anonymous network " + facts.anonymity().orElseThrow().kinds() + " ("
                            + facts.anonymityBy().map(Object::toString).orElse("") + ")");
        }
        return null;
    }
}
