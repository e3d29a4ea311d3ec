package io.portcullis.runtime.auth;

import io.portcullis.decision.Decision;
import io.portcullis.policy.ContextKey;
import io.portcullis.policy.ContextValue;
import io.portcullis.runtime.geo.Anonymity;
import io.portcullis.runtime.geo.GeoFacts;
import io.portcullis.runtime.geo.GeoLocator;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The location condition keys of one request ({@code portcullis:SourceCountry}, {@code SourceContinent},
 * {@code SourceAnonymous} and each kind of anonymous network), looked up once, on the first key asked for,
 * and kept with the request so the route requirements, the policy and the evidence all see the same answer.
 * Not thread-safe: one request's.
 */
final class GeoKeys {

    /** A node without geo databases: every location key is absent. */
    static final GeoKeys NONE = new GeoKeys(GeoLocator.NONE, null);

    private final GeoLocator locator;
    private final InetAddress address;
    private GeoFacts facts;

    GeoKeys(GeoLocator locator, InetAddress address) {
        this.locator = locator;
        this.address = address;
        this.facts = address == null ? GeoFacts.NONE : null; // NONE is shared: it is never written after this
    }

    /** What the databases say of the source address (looked up on first use). */
    GeoFacts facts() {
        if (facts == null) {
            facts = locator.lookup(address);
        }
        return facts;
    }

    /** Whether a lookup was made for this request (a location requirement or key was consulted). */
    boolean used() {
        return facts != null && address != null;
    }

    /**
     * Where the source was found, by which databases built when, for the audit record: e.g.
     * {@code "country SE, continent EU by GeoIP2-Country built ..."}, or {@code "not listed by ..."}.
     */
    String describe() {
        GeoFacts f = facts();
        if (f == GeoFacts.NONE) {
            StringBuilder by = new StringBuilder("not listed");
            locator.databases().locationInfo().ifPresent(d -> by.append(" by ").append(d.type()).append(" built ")
                    .append(d.buildTime()));
            locator.databases().anonymityInfo().ifPresent(d -> by.append(by.length() > 10 ? ", " : " by ")
                    .append(d.type()).append(" built ").append(d.buildTime()));
            return by.toString();
        }
        StringBuilder out = new StringBuilder();
        f.locatedBy().ifPresent(d -> out.append("country ").append(f.country().orElse("-")).append(", continent ")
                .append(f.continent().orElse("-")).append(" by ").append(d.type()).append(" built ").append(d.buildTime()));
        f.anonymityBy().ifPresent(d -> out.append(out.length() == 0 ? "" : "; ").append("anonymous ")
                .append(f.anonymity().orElseThrow().kinds()).append(" by ").append(d.type()).append(" built ").append(d.buildTime()));
        return out.toString();
    }

    /**
     * {@code decided} with the databases that answered added to its detail, when the policy asked for a
     * location key (so an explanation and the audit log say which edition of the data decided); else itself.
     */
    Decision explain(Decision decided) {
        if (facts == null || facts == GeoFacts.NONE) {
            return decided;
        }
        StringBuilder by = new StringBuilder(decided.detail());
        by.append(by.length() == 0 ? "" : "; ").append("source located");
        facts.country().ifPresent(c -> by.append(" in ").append(c));
        facts.locatedBy().ifPresent(d -> by.append(" by ").append(d));
        facts.anonymityBy().ifPresent(d -> by.append(", anonymous ").append(facts.anonymous()).append(" by ").append(d));
        return new Decision(decided.verdict(), decided.reason(), decided.decidedBy(), by.toString());
    }

    /** The value of a location key by its id, or null when absent (or not a location key). */
    ContextValue value(int id) {
        return switch (id) {
            case ContextKey.SOURCE_COUNTRY -> string(facts().country());
            case ContextKey.SOURCE_CONTINENT -> string(facts().continent());
            case ContextKey.SOURCE_ANONYMOUS -> flag(facts().anonymity().map(Anonymity::anonymous));
            case ContextKey.SOURCE_ANONYMOUS_VPN -> flag(facts().anonymity().map(Anonymity::anonymousVpn));
            case ContextKey.SOURCE_HOSTING_PROVIDER -> flag(facts().anonymity().map(Anonymity::hostingProvider));
            case ContextKey.SOURCE_PUBLIC_PROXY -> flag(facts().anonymity().map(Anonymity::publicProxy));
            case ContextKey.SOURCE_RESIDENTIAL_PROXY -> flag(facts().anonymity().map(Anonymity::residentialProxy));
            case ContextKey.SOURCE_TOR_EXIT_NODE -> flag(facts().anonymity().map(Anonymity::torExitNode));
            default -> null;
        };
    }

    private static ContextValue string(Optional<String> v) {
        return v.map(ContextValue::of).orElse(null);
    }

    private static ContextValue flag(Optional<Boolean> v) {
        return v.map(ContextValue::of).orElse(null);
    }
}
