package io.portcullis.runtime.auth;

import io.portcullis.config.api.PolicySource;
import io.portcullis.config.api.RouteConfig;
import io.portcullis.policy.ConditionSpec;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.Statement;
import io.portcullis.runtime.geo.GeoLocator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code validate} says of an API's location conditions: a route requirement needs the database it reads
 * (an error: without it every request would be refused), and a country code that does not exist is a warning
 * (ISO 3166-1 alpha-2 as MaxMind writes it, with {@code XK} for Kosovo), in route requirements and in resource
 * policies, as is a policy that names a location key the node has no database for (the key is always absent).
 */
final class GeoChecks {

    private static final Set<String> COUNTRIES = countries();
    private static final List<String> LOCATION_KEYS = List.of("portcullis:sourcecountry", "portcullis:sourcecontinent");

    private GeoChecks() {}

    /** The route requirements on where callers come from, by route path; problems and warnings added. */
    static Map<String, GeoRequirement> requirements(List<RouteConfig> routes, GeoLocator geo, String at,
                                                    List<String> problems, List<String> warnings) {
        Map<String, GeoRequirement> out = new LinkedHashMap<>();
        boolean located = geo.config().flatMap(c -> c.country()).isPresent();
        boolean anonymity = geo.config().flatMap(c -> c.anonymousIp()).isPresent();
        for (int r = 0; r < routes.size(); r++) {
            RouteConfig route = routes.get(r);
            List<String> countries = route.requires().countries();
            boolean notAnonymous = route.requires().notAnonymous();
            String here = at + "routes[" + r + "].requires.";
            if (!countries.isEmpty() && !located) {
                problems.add(here + "countries: no geo.country database (expected: a geo section with country, "
                        + "the database the source's country is read from)");
            }
            if (notAnonymous && !anonymity) {
                problems.add(here + "notAnonymous: no geo.anonymousIp database (expected: a geo section with "
                        + "anonymousIp, the database anonymous networks are read from)");
            }
            for (int i = 0; i < countries.size(); i++) {
                if (!COUNTRIES.contains(countries.get(i))) {
                    warnings.add(here + "countries[" + i + "]: '" + countries.get(i) + "' is not an ISO 3166-1 "
                            + "country code: no address is ever in it (expected: a code such as GB)");
                }
            }
            if (!countries.isEmpty() || notAnonymous) {
                out.put(route.path(), GeoRequirement.of(route.path(), countries, notAnonymous));
            }
        }
        return out;
    }

    /** Warnings for a resource policy's location conditions that can never hold as written. */
    static void policy(Optional<PolicySource> source, GeoLocator geo, String at, List<String> warnings) {
        if (source.isEmpty() || !(PolicyParser.parse(source.get().json()) instanceof ParseResult.Valid valid)) {
            return; // an invalid policy is reported where it is compiled
        }
        for (Statement s : valid.orThrow().statements()) {
            for (ConditionSpec c : s.conditions()) {
                String key = c.key().toLowerCase(Locale.ROOT);
                if (!key.startsWith("portcullis:source") || !isLocationKey(key)) {
                    continue;
                }
                String where = at + ": Statement[" + s.index() + "] " + c.operator() + " " + c.key();
                boolean anonymityKey = !LOCATION_KEYS.contains(key);
                if (geo.config().flatMap(g -> anonymityKey ? g.anonymousIp() : g.country()).isEmpty()) {
                    warnings.add(where + ": no geo." + (anonymityKey ? "anonymousIp" : "country") + " database, so the "
                            + "key is always absent (expected: a geo section naming it)");
                }
                if (key.equals("portcullis:sourcecountry")) {
                    for (String v : c.values()) {
                        if (!v.contains("*") && !v.contains("?") && !v.contains("${") && !COUNTRIES.contains(v)) {
                            warnings.add(where + ": '" + v + "' is not an ISO 3166-1 country code: no address is "
                                    + "ever in it (expected: a code such as GB)");
                        }
                    }
                }
            }
        }
    }

    private static boolean isLocationKey(String key) {
        return switch (key) {
            case "portcullis:sourcecountry", "portcullis:sourcecontinent", "portcullis:sourceanonymous",
                 "portcullis:sourceanonymousvpn", "portcullis:sourcehostingprovider", "portcullis:sourcepublicproxy",
                 "portcullis:sourceresidentialproxy", "portcullis:sourcetorexitnode" -> true;
            default -> false;
        };
    }

    private static Set<String> countries() {
        Set<String> codes = new java.util.HashSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK"); // Kosovo: user-assigned in ISO 3166, used by MaxMind
        return Set.copyOf(codes);
    }
}
