package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON endpoints under {@code /api/}, each with the role it needs ({@link #needed}) checked before anything is
 * read: a viewer reads every view; an operator also explains with a token and downloads proofs. A refusal is a
 * uniform 403.
 */
final class Endpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeViews console;
    private final User user;

    Endpoints(NodeViews console, User user) {
        this.console = console;
        this.user = user;
    }

    /**
     * The role {@code method path} (under {@code /api}) needs, or empty when it is no endpoint. An explanation with
     * a token needs more ({@link #needed(JsonNode)}). The control plane's relay checks the same before it forwards.
     */
    static Optional<Role> needed(String method, String path) {
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/explain")) {
            return method.equals("POST") ? Optional.of(Role.VIEWER) : Optional.empty();
        }
        if (!get) {
            return Optional.empty();
        }
        if (path.equals("/audit/proof")) {
            return Optional.of(Role.OPERATOR); // whole audit records
        }
        return READ.contains(path) || path.matches("/decisions/[0-9]{1,19}") ? Optional.of(Role.VIEWER) : Optional.empty();
    }

    /** The role an explanation with this form needs: a token is a credential, only an operator may have it verified. */
    static Role needed(JsonNode explainForm) {
        return explainForm.path("token").asText("").isBlank() ? Role.VIEWER : Role.OPERATOR;
    }

    private static final java.util.Set<String> READ = java.util.Set.of("/me", "/stream", "/traffic", "/decisions",
            "/audit", "/audit/key", "/changes", "/reachability");

    void serve(HttpExchange ex, String path, String method) throws IOException {
        Optional<Role> needed = needed(method, path);
        if (needed.isEmpty()) {
            Http.json(ex, 404, JSON.createObjectNode().put("error", "not found"));
            return;
        }
        if (!allowed(ex, needed.get())) {
            return;
        }
        if (path.equals("/me")) {
            Http.json(ex, 200, JSON.createObjectNode().put("user", user.name()).put("role", user.role().name().toLowerCase(java.util.Locale.ROOT))
                    .put("until", user.until().toString()));
        } else if (path.equals("/stream")) {
            console.streams().serve(ex, ("event: traffic\ndata: " + console.traffic() + "\n\n" + backlog())
                    .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/traffic")) {
            Http.send(ex, 200, "application/json", console.traffic().getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/decisions")) {
            Http.json(ex, 200, console.audit() == null ? noAudit().get() : console.decisions().search(Http.query(ex)));
        } else if (path.startsWith("/decisions/")) {
            record(ex, path.substring("/decisions/".length()));
        } else if (path.equals("/explain")) {
            explain(ex);
        } else if (path.equals("/audit")) {
            Http.json(ex, 200, console.audit() == null ? noAudit().get() : console.audit().status());
        } else if (path.equals("/audit/key") && console.audit() != null) {
            Http.send(ex, 200, "application/x-pem-file", console.audit().publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        } else if (path.equals("/audit/proof") && console.audit() != null) {
            proof(ex);
        } else if (path.equals("/changes")) {
            Http.json(ex, 200, PendingChanges.of(console.node().plan(), Instant.now()));
        } else if (path.equals("/reachability")) {
            Http.send(ex, 200, "application/json", console.reachability().getBytes(StandardCharsets.UTF_8));
        } else {
            Http.json(ex, 404, JSON.createObjectNode().put("error", "not found"));
        }
    }

    /** The recent decisions as events, oldest first, so a console that opens sees the table filled. */
    private String backlog() throws IOException {
        if (console.feed() == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        var rows = console.feed().recent();
        for (int i = rows.size() - 1; i >= 0; i--) {
            out.append("event: decision\ndata: ").append(rows.get(i)).append("\n\n");
        }
        return out.toString();
    }

    private Optional<ObjectNode> noAudit() {
        return console.audit() == null ? Optional.of(JSON.createObjectNode().put("error",
                "the node keeps no audit log (no audit section), so there are no decisions to read")) : Optional.empty();
    }

    private boolean allowed(HttpExchange ex, Role needed) throws IOException {
        return allowed(ex, user, needed);
    }

    /** Whether {@code user}'s role allows {@code needed}; if not, answers the uniform 403. */
    static boolean allowed(HttpExchange ex, User user, Role needed) throws IOException {
        if (user.role().allows(needed)) {
            return true;
        }
        Http.json(ex, 403, JSON.createObjectNode().put("error", "your role (" + user.role().label() + ") does not allow this"));
        return false;
    }

    private void record(HttpExchange ex, String raw) throws IOException {
        long index;
        try {
            index = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record: '" + raw + "' (expected: a record index)");
        }
        Optional<ObjectNode> found = console.decisions().record(index);
        var durable = console.node().registry().find("portcullis.audit.durable.records").gauge();
        if (found.isEmpty() && durable != null && index < durable.value()) {
            // written, not yet covered by a signed checkpoint: it can be read within the checkpoint interval
            Http.json(ex, 202, JSON.createObjectNode().put("pending", true).put("error", "record " + index
                    + " is written but no signed checkpoint covers it yet"));
        } else if (found.isEmpty()) {
            Http.json(ex, 404, JSON.createObjectNode().put("error", "record " + index + " is not in the log"));
        } else {
            Http.json(ex, 200, found.get());
        }
    }

    private void explain(HttpExchange ex) throws IOException {
        JsonNode form = ConsoleServer.parse(Http.body(ex));
        String token = form.path("token").asText("");
        if (!allowed(ex, needed(form))) {
            return;
        }
        Http.json(ex, 200, console.decisions().explain(form.path("source").asText(""), form.path("via").asText(""),
                form.path("api").asText(""), form.path("request").asText(""), token));
    }

    private void proof(HttpExchange ex) throws IOException {
        String raw = Http.query(ex).getOrDefault("record", "");
        long record;
        try {
            record = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record: '" + raw + "' (expected: a record index)");
        }
        String proof = console.audit().proof(record);
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"proof-" + record + ".json\"");
        Http.send(ex, 200, "application/json", proof.getBytes(StandardCharsets.UTF_8));
    }
}
