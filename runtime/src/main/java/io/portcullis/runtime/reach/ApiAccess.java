package io.portcullis.runtime.reach;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who can invoke one API: every way in with its callers and grants, and the flags findings are built on.
 *
 * @param kind an API Gateway API ({@code awsApis[]}) or a Portcullis API ({@code apis[]})
 * @param id the API Gateway id, or the Portcullis API's name
 * @param name the name
 * @param account the owning account
 * @param path where it is written ({@code awsApis[0]}, {@code apis[2]})
 * @param ways every way in, open or not (an estate endpoint no caller or principal gets through is listed, so a
 *     reader sees it was considered)
 * @param notes facts about the API as a whole (no resource policy, endpoint types, what was not evaluated)
 * @param estateAccounts the estate's accounts, to tell outside principals and endpoints
 */
public record ApiAccess(Kind kind, String id, String name, String account, String path, List<Way> ways,
                        List<String> notes, Set<String> estateAccounts) {

    public enum Kind { AWS_PRIVATE, AWS_PUBLIC, PORTCULLIS }

    public ApiAccess {
        requireNonNull(kind, "kind");
        ways = List.copyOf(ways);
        notes = List.copyOf(notes);
        estateAccounts = Set.copyOf(estateAccounts);
    }

    /** The ways in through which some request is admitted by every layer. */
    public List<Way> open() {
        return ways.stream().filter(Way::open).toList();
    }

    /**
     * Whether a request from outside the estate's networks is admitted: through an execute-api endpoint of another
     * account (seed 002: a private API answers any VPC endpoint of any account its resource policy does not
     * exclude), through an estate endpoint owned by an undeclared account, or from the internet. A grant that rests
     * only on an identity policy of the API's own account ({@link Grant.IdentityPolicy#MAY_ALLOW}) does not count:
     * the estate's own identity policies decide it.
     */
    public boolean invocableFromOutside() {
        for (Way w : open()) {
            boolean outside = w.kind() == Way.Kind.OUTSIDE_ENDPOINT || w.kind() == Way.Kind.INTERNET
                    || w.kind() == Way.Kind.ENDPOINT && !estateAccounts.contains(w.account());
            if (outside && w.grants().stream().anyMatch(g -> g.identityPolicy() != Grant.IdentityPolicy.MAY_ALLOW)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a policy grants a principal it names of an account outside the estate, on some open way. */
    public boolean foreignPrincipals() {
        for (Way w : open()) {
            for (Grant g : w.grants()) {
                if (g.principal().kind() == PrincipalClass.Kind.NAMED && !estateAccounts.contains(g.principal().account())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether nothing restricts where a request comes from: an anonymous request for every resource is admitted
     * through an endpoint outside the estate (private API) or from any address (public API).
     */
    public boolean unrestrictedSource() {
        for (Way w : open()) {
            if (w.kind() == Way.Kind.OUTSIDE_ENDPOINT || w.kind() == Way.Kind.INTERNET) {
                for (Grant g : w.grants()) {
                    if (g.principal().kind() == PrincipalClass.Kind.ANONYMOUS && g.everything()
                            && (w.kind() == Way.Kind.OUTSIDE_ENDPOINT || (g.sourceRange().isEmpty() || g.sourceRange().equals(WhoCanInvoke.ANY_OTHER_ADDRESS)))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Every (way, caller, grant) admitted by every layer, flattened (a caller is null where a way has none). */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Way w : open()) {
            if (w.kind() == Way.Kind.PORTCULLIS) {
                w.callers().forEach(c -> out.add(new Entry(this, w, c, null)));
            } else if (w.callers().isEmpty()) {
                w.grants().forEach(g -> out.add(new Entry(this, w, null, g)));
            } else {
                w.callers().forEach(c -> w.grants().forEach(g -> out.add(new Entry(this, w, c, g))));
            }
        }
        return out;
    }

    /** One admitted combination: through {@code way}, from {@code caller} (network), as {@code grant} (policies). */
    public record Entry(ApiAccess api, Way way, io.portcullis.engine.Reachability.Reached caller, Grant grant) {}
}
