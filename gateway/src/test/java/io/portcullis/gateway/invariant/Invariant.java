package io.portcullis.gateway.invariant;

import io.portcullis.gateway.observe.RequestEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "What the gateway authorized is exactly what the upstream runs", checked over everything one scenario left
 * behind: the requests the recording upstream parsed, the gateway's request events and the authorizer's answers.
 *
 * <ul>
 *   <li>(a) every upstream request carries exactly one {@code X-Request-Id}, issued by the gateway for a request
 *       whose event says it was admitted and answered by the upstream ({@code 200}, completed; or abandoned by
 *       the client), each id once;</li>
 *   <li>(b) the upstream ran the event's method on the event's path (base path empty), with the body bytes the
 *       event counted;</li>
 *   <li>(c) there are as many upstream requests as admitted events (not counting those the client abandoned
 *       before the upstream had all of them);</li>
 *   <li>(d) nothing else reached the upstream: no violation of its parser, no bytes left that are not a complete
 *       request;</li>
 *   <li>(e) the upstream saw one {@code X-Forwarded-For}, the client's address; every event carries the principal
 *       the authorizer established for its request id, and every request the authorizer decided has an event;</li>
 *   <li>(f) an upstream target that a lenient upstream reads as {@code /admin...} was authorized for
 *       {@code admin};</li>
 *   <li>(g) the upstream target is in the normal form of the path contract ({@link PathOracle}), so the gateway
 *       and the upstream cannot mean different paths.</li>
 * </ul>
 */
final class Invariant {

    /** Everything a scenario left behind, read once it settled. */
    record Snapshot(List<UpstreamRequest> upstream, List<String> violations, List<String> unconsumed,
                    List<RequestEvent> events, Map<String, String> principals, String clientAddress,
                    boolean settled) {}

    private Invariant() {}

    /** The broken parts of the invariant, each described; empty when it holds. */
    static List<String> check(Snapshot s) {
        List<String> failures = new ArrayList<>();
        if (!s.settled()) {
            failures.add("the scenario did not settle (connections open or traffic still flowing)");
        }
        s.violations().forEach(v -> failures.add("(d) upstream parser violation: " + v));
        s.unconsumed().forEach(u -> failures.add("(d) upstream " + u + " that is not a complete request"));
        Map<String, RequestEvent> byId = new HashMap<>();
        for (RequestEvent e : s.events()) {
            if (byId.put(e.requestId(), e) != null) {
                failures.add("(a) two events with request id " + e.requestId());
            }
        }
        Set<String> ran = new HashSet<>();
        for (UpstreamRequest u : s.upstream()) {
            List<String> ids = u.values("x-request-id");
            if (ids.size() != 1) {
                failures.add("(a) upstream ran a request with X-Request-Id " + ids + ": " + u);
                continue;
            }
            String id = ids.get(0);
            if (!ran.add(id)) {
                failures.add("(a) upstream ran request id " + id + " more than once: " + u);
            }
            RequestEvent e = byId.get(id);
            if (e == null) {
                failures.add("(a) upstream ran a request whose id the gateway reported no event for: " + u);
                continue;
            }
            checkOne(u, e, s, failures);
        }
        // A request the client abandoned may have been cut before the upstream had all of it: it need not have run.
        List<RequestEvent> admitted = s.events().stream().filter(e -> e.decision().allowed()
                && (ran.contains(e.requestId()) || e.outcome() != RequestEvent.Outcome.CLIENT_ABORTED)).toList();
        if (admitted.size() != s.upstream().size()) {
            failures.add("(c) " + s.upstream().size() + " upstream requests but " + admitted.size()
                    + " admitted events; admitted but not run: " + admitted.stream()
                    .filter(e -> !ran.contains(e.requestId())).map(Invariant::describe).toList());
        }
        for (RequestEvent e : s.events()) {
            String principal = s.principals().get(e.requestId());
            if (e.authorization() != null && !e.authorization().principal().equals(principal)) {
                failures.add("(e) event carries principal '" + e.authorization().principal()
                        + "' but the authorizer established '" + principal + "': " + describe(e));
            }
        }
        s.principals().keySet().stream().filter(id -> !byId.containsKey(id)).forEach(id ->
                failures.add("(e) the authorizer decided request " + id + " but no event reports it"));
        return failures;
    }

    private static void checkOne(UpstreamRequest u, RequestEvent e, Snapshot s, List<String> failures) {
        boolean answered = e.status() == 200 && e.outcome() == RequestEvent.Outcome.COMPLETED;
        if (!e.decision().allowed() || !answered && e.outcome() != RequestEvent.Outcome.CLIENT_ABORTED) {
            failures.add("(a) upstream ran a request the gateway reports as not admitted and answered: "
                    + describe(e) + " / " + u);
        }
        if (!u.method().equals(e.method()) || !u.target().equals(e.path())) {
            failures.add("(b) upstream ran " + u.method() + " " + u.target() + " for the event of " + e.method() + " "
                    + e.path() + ": " + u);
        }
        if (u.body().length != e.requestBytes()) {
            failures.add("(b) upstream got " + u.body().length + " body bytes, the event counted "
                    + e.requestBytes() + ": " + u);
        }
        List<String> forwardedFor = u.values("x-forwarded-for");
        String source = e.sourceAddress().getAddress().getHostAddress();
        if (!forwardedFor.equals(List.of(source)) || !source.equals(s.clientAddress())) {
            failures.add("(e) upstream saw X-Forwarded-For " + forwardedFor + "; event source " + source
                    + ", client " + s.clientAddress() + ": " + u);
        }
        String principal = s.principals().get(e.requestId());
        if (PathOracle.namesAdmin(PathOracle.lenientUpstreamPath(u.target())) && !"admin".equals(principal)) {
            failures.add("(f) upstream ran " + u.target() + " (an admin path to a lenient upstream) for principal '"
                    + principal + "': " + u);
        }
        PathOracle.Verdict normal = PathOracle.normalize(u.target());
        if (normal.refused() || !normal.target().equals(u.target())) {
            failures.add("(g) upstream target " + u.target() + " is not in normal form (contract: "
                    + (normal.refused() ? "refused, " + normal.refusal() : normal.target()) + ")");
        }
    }

    static String describe(RequestEvent e) {
        return "event[" + e.requestId() + " " + e.protocol() + " " + e.method() + " " + e.path() + " route="
                + e.route() + " status=" + e.status() + " outcome=" + e.outcome() + " decision=" + e.decision().verdict()
                + " " + e.decision().reason() + " principal="
                + (e.authorization() == null ? "-" : "'" + e.authorization().principal() + "'") + "]";
    }
}
