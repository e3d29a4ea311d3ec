package io.portcullis.gateway.invariant;

import io.portcullis.gateway.observe.RequestEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one generated sequence of requests on one client connection through an {@link InvariantGateway} and
 * judges it twice. The invariant: {@link Invariant} over what the scenario left behind, and on the client's side
 * that each response is framed without ambiguity and that a forwarded one is the upstream's answer to this very
 * request (its echo names the response's request id, the request's method and the event's path). The answers:
 * each response against its request's {@link Expectation} (the status; no interim response to HTTP/1.0; for a
 * forwarded one the normalized target, and the route and principal in the event).
 */
final class Scenarios {

    /** What a scenario left behind, how it broke the invariant and how its answers broke the contracts. */
    record Outcome(Invariant.Snapshot snapshot, List<String> invariant, List<String> answers, String scenario) {

        String report(List<String> failures) {
            return InvariantGateway.report(snapshot, failures) + "scenario: " + scenario;
        }

        List<String> all() {
            List<String> all = new ArrayList<>(invariant);
            all.addAll(answers);
            return all;
        }
    }

    private Scenarios() {}

    /** HTTP/1.x: one request at a time (each sent after the previous response) or all in one write. */
    static Outcome http1(InvariantGateway fixture, List<Http1Case> requests, boolean pipelined) throws Exception {
        fixture.begin();
        List<Http1Client.Response> responses = new ArrayList<>();
        int port;
        try (Http1Client client = fixture.http1()) {
            port = client.localPort();
            if (pipelined) {
                client.send(String.join("", requests.stream().map(Http1Case::render).toList()));
            }
            for (Http1Case request : requests) {
                if (!pipelined && !send(client, request.render())) {
                    break;
                }
                Http1Client.Response response = client.read(request.head());
                if (response == null) {
                    break;
                }
                responses.add(response);
            }
        }
        Invariant.Snapshot snapshot = fixture.settle(List.of(port));
        List<String> invariant = new ArrayList<>(Invariant.check(snapshot));
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            Http1Case request = requests.get(i);
            Http1Client.Response response = responses.get(i);
            String where = "response " + i + " (" + response.status() + ") to " + request;
            response.problems().forEach(p -> invariant.add(where + ": " + p));
            Expectation expected = request.expectation();
            if (!expected.statuses().contains(response.status())) {
                answers.add(where + ": expected a status in " + expected.statuses());
            }
            if (request.effectiveHttp10() && !response.interim().isEmpty()) {
                answers.add(where + ": interim responses " + response.interim() + " sent to an HTTP/1.0 client");
            }
            forwarded(where, request.method(), expected, response.status(), response.value("x-request-id"),
                    response.value(RecordingUpstream.SEEN), snapshot, invariant, answers);
        }
        fixture.end(!invariant.isEmpty() || !answers.isEmpty());
        return new Outcome(snapshot, invariant, answers, (pipelined ? "pipelined " : "one at a time ") + requests);
    }

    /** HTTP/2: each stream opened after the previous one ended, or all at once. */
    static Outcome http2(InvariantGateway fixture, List<H2Case> requests, boolean concurrent) throws Exception {
        fixture.begin();
        List<H2Session.Response> responses = new ArrayList<>();
        int port;
        try (H2Session session = fixture.http2()) {
            port = session.localPort();
            List<CompletableFuture<H2Session.Response>> pending = new ArrayList<>();
            for (H2Case request : requests) {
                CompletableFuture<H2Session.Response> response = session.exchange(request.method(), request.path(),
                        request.data(), request.fields());
                if (!concurrent) {
                    await(response);
                }
                pending.add(response);
            }
            for (CompletableFuture<H2Session.Response> response : pending) {
                responses.add(await(response));
            }
        }
        Invariant.Snapshot snapshot = fixture.settle(List.of(port));
        List<String> invariant = new ArrayList<>(Invariant.check(snapshot));
        List<String> answers = new ArrayList<>();
        boolean attacked = concurrent && requests.stream().anyMatch(r -> r.attack() != H2Case.Attack.NONE);
        for (int i = 0; i < responses.size(); i++) {
            H2Case request = requests.get(i);
            H2Session.Response response = responses.get(i);
            // a refused field may end the whole connection: later (or, all at once, any) streams may die with it
            attacked |= request.attack() != H2Case.Attack.NONE;
            String where = "stream " + i + " (" + response.status() + ") of " + request;
            Expectation expected = request.expectation();
            if (!expected.statuses().contains(response.status()) && !(attacked && response.status() == -1)) {
                answers.add(where + ": expected a status in " + expected.statuses());
            }
            forwarded(where, request.method(), expected, response.status(), response.value("x-request-id"),
                    response.value("x-upstream-seen"), snapshot, invariant, answers);
        }
        fixture.end(!invariant.isEmpty() || !answers.isEmpty());
        return new Outcome(snapshot, invariant, answers, (concurrent ? "all at once " : "one at a time ") + requests);
    }

    /**
     * A {@code 200} is the upstream's answer to this very request: its echo names the response's request id, the
     * request's method and the path of that id's event (the invariant); the path, route and principal are the
     * contracts' (the answers).
     */
    static void forwarded(String where, String method, Expectation expected, int status, String id, String seen,
                          Invariant.Snapshot snapshot, List<String> invariant, List<String> answers) {
        if (status != 200) {
            return;
        }
        if (seen == null) {
            invariant.add(where + ": a 200 without the upstream's " + RecordingUpstream.SEEN);
            return;
        }
        String[] ran = seen.split(" ", 3);
        RequestEvent event = InvariantGateway.event(snapshot, id);
        if (!ran[0].equals(id) || ran.length < 3 || !ran[1].equals(method) || event == null
                || !ran[2].equals(event.path())) {
            invariant.add(where + ": carries the upstream's answer to '" + seen + "', but it is " + method
                    + " with request id " + id + " and " + (event == null ? "no event" : Invariant.describe(event)));
            return;
        }
        if (!expected.forwardable()) {
            return; // the status is wrong, and said so
        }
        if (!expected.target().equals(event.path()) || !expected.route().equals(event.route())
                || event.authorization() == null || !expected.principal().equals(event.authorization().principal())) {
            answers.add(where + ": expected target " + expected.target() + ", route " + expected.route()
                    + ", principal '" + expected.principal() + "', got " + Invariant.describe(event));
        }
    }

    /** The response, or status {@code -2} when none came within 5 s. */
    private static H2Session.Response await(CompletableFuture<H2Session.Response> response) throws Exception {
        try {
            return response.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new H2Session.Response(-2, Map.of(), "<no response within 5 s>");
        }
    }

    private static boolean send(Http1Client client, String bytes) {
        try {
            client.send(bytes);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
