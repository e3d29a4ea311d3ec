package io.portcullis.gateway.invariant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the contracts say one generated request must get: the statuses allowed (several where the contracts leave
 * the order of checks open; {@code -1} for a reset HTTP/2 stream), and for a request that may be forwarded the
 * target and route the upstream and the event must show and the principal the authorizer must establish.
 */
record Expectation(Set<Integer> statuses, String target, String route, String principal) {

    Expectation {
        statuses = Set.copyOf(statuses);
    }

    static Expectation refused(Set<Integer> statuses) {
        return new Expectation(statuses, null, null, null);
    }

    boolean forwardable() {
        return target != null;
    }

    /**
     * The expectation for a request that passed framing, from the path contract and the fixture's routes and
     * authorizer: 400 for a refused target or a second credential, 405 for TRACE, 401/403 for an admin path
     * without admin, else forwarded (or 429 on the rate-limited route).
     */
    static Expectation of(String method, String originTarget, Token token) {
        PathOracle.Verdict verdict = PathOracle.normalize(originTarget);
        boolean trace = method.equals("TRACE");
        if (verdict.refused() || token == Token.TWO) {
            return refused(trace ? Set.of(400, 405) : Set.of(400));
        }
        if (trace) {
            return refused(Set.of(405));
        }
        String principal = token.principal();
        String path = verdict.path();
        if (PathOracle.namesAdmin(path) && !principal.equals("admin")) {
            return refused(Set.of(principal.isEmpty() ? 401 : 403));
        }
        String route = PathOracle.route(path);
        return new Expectation(route.equals("/limited/**") ? Set.of(200, 429) : Set.of(200), verdict.target(), route,
                principal);
    }

    Expectation orStatus(int status) {
        return new Expectation(union(statuses, status), target, route, principal);
    }

    private static Set<Integer> union(Set<Integer> a, int b) {
        Set<Integer> all = new HashSet<>(a);
        all.add(b);
        return all;
    }

    /** The credentials a generated request carries. */
    enum Token {
        NONE(""), WEB("web"), ADMIN("admin"), TWO(""), MALFORMED("");

        private final String principal;

        Token(String principal) {
            this.principal = principal;
        }

        String principal() {
            return principal;
        }

        /** The Authorization field values to send. */
        List<String> authorizations() {
            return switch (this) {
                case NONE -> List.of();
                case WEB -> List.of("Bearer web");
                case ADMIN -> List.of("Bearer admin");
                case TWO -> List.of("Bearer web", "Bearer admin");
                case MALFORMED -> List.of("Basic d2ViOnB3");
            };
        }
    }
}
