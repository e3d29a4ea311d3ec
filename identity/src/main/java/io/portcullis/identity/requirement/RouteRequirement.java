package io.portcullis.identity.requirement;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.identity.jwt.VerifiedToken;
import java.util.List;

/**
 * What a route demands of a verified token: every scope in {@code scopes} (read from {@code scope}, a
 * space-delimited string per RFC 8693/9068, or {@code scp}, a string or array), and at least one of
 * {@code anyRoles} in the claim {@code rolesClaim} (an array, or a space-delimited string). Empty lists demand
 * nothing. A shortfall is a {@link Layer#POLICY} denial ({@code scope-missing} or {@code role-missing}), which
 * the gateway answers with its uniform 403.
 *
 * <p>Design: claim strings are scanned in place for whole space-delimited words, so an allow allocates
 * nothing and returns one pre-built decision.
 */
public final class RouteRequirement {

    public static final Reason MET = new Reason(Layer.POLICY, "route-requirements-met");
    public static final Reason SCOPE_MISSING = new Reason(Layer.POLICY, "scope-missing");
    public static final Reason ROLE_MISSING = new Reason(Layer.POLICY, "role-missing");

    private final String route;
    private final List<String> scopes;
    private final String rolesClaim;
    private final List<String> anyRoles;
    private final Decision allow;

    /**
     * @param route names the route in decisions ({@code decidedBy}), e.g. {@code "GET /orders/{id}"}
     */
    public RouteRequirement(String route, List<String> scopes, String rolesClaim, List<String> anyRoles) {
        this.route = requireNonNull(route, "route");
        this.scopes = List.copyOf(scopes);
        this.rolesClaim = requireNonNull(rolesClaim, "rolesClaim");
        this.anyRoles = List.copyOf(anyRoles);
        this.allow = Decision.allow(MET, route, "");
        for (int i = 0; i < scopes.size(); i++) {
            if (!isWord(scopes.get(i))) {
                throw new IllegalArgumentException("scopes[" + i + "]: '" + scopes.get(i) + "' (expected: a non-empty scope without spaces)");
            }
        }
        for (int i = 0; i < anyRoles.size(); i++) {
            if (!isWord(anyRoles.get(i))) {
                throw new IllegalArgumentException("anyRoles[" + i + "]: '" + anyRoles.get(i) + "' (expected: a non-empty role without spaces)");
            }
        }
        if (!anyRoles.isEmpty() && rolesClaim.isBlank()) {
            throw new IllegalArgumentException("rolesClaim: '" + rolesClaim + "' (expected: a claim name when anyRoles is set)");
        }
    }

    /** The decision for this token: allow, or the first missing scope or the absence of every role. */
    public Decision check(VerifiedToken token) {
        Object scope = token.claim("scope");
        Object scp = token.claim("scp");
        for (int i = 0; i < scopes.size(); i++) {
            String s = scopes.get(i);
            if (!contains(scope, s) && !contains(scp, s)) {
                return Decision.deny(SCOPE_MISSING, route, "scope '" + s + "' not granted");
            }
        }
        if (!anyRoles.isEmpty()) {
            Object roles = token.claim(rolesClaim);
            boolean any = false;
            for (int i = 0; i < anyRoles.size() && !any; i++) {
                any = contains(roles, anyRoles.get(i));
            }
            if (!any) {
                return Decision.deny(ROLE_MISSING, route, "none of roles " + anyRoles + " in claim " + rolesClaim);
            }
        }
        return allow;
    }

    public String route() {
        return route;
    }

    public List<String> scopes() {
        return scopes;
    }

    public String rolesClaim() {
        return rolesClaim;
    }

    public List<String> anyRoles() {
        return anyRoles;
    }

    private static boolean isWord(String s) {
        return !s.isEmpty() && s.chars().noneMatch(Character::isWhitespace);
    }

    /** True when {@code claim} (a space-delimited string or an array of strings) holds {@code word} whole. */
    static boolean contains(Object claim, String word) {
        if (claim instanceof String s) {
            int from = 0;
            while (true) {
                int at = s.indexOf(word, from);
                if (at < 0) {
                    return false;
                }
                int end = at + word.length();
                if ((at == 0 || s.charAt(at - 1) == ' ') && (end == s.length() || s.charAt(end) == ' ')) {
                    return true;
                }
                from = at + 1;
            }
        }
        if (claim instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (word.equals(list.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }
}
