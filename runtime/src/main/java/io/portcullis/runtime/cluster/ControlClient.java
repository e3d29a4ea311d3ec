package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's calls to the control plane (docs/cluster.md, the API in its OpenAPI document): the current plan by
 * long poll, heartbeats, and the node's audit checkpoints. Blocking calls over the JDK's HTTP client, made on the
 * node's own control threads, never on an event loop. A call the control plane answers with an error throws
 * {@link ControlException} with its status and message; a call that gets no answer throws {@link IOException}.
 */
public final class ControlClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    /** A promoted version of the plan: its number, the plan digest, the bundle's files, who promoted it and when. */
    public record Promoted(long version, String digest, Map<String, String> files, Instant promotedAt,
                           String promotedBy) {
        public Promoted {
            requireNonNull(digest, "digest");
            files = Map.copyOf(files);
        }
    }

    /** A checkpoint the control plane accepted for a node: its size, root (base64) and signed text. */
    public record Accepted(long treeSize, String rootHash, String checkpoint) {}

    /** The control plane answered with an error status. */
    public static final class ControlException extends Exception {
        private final int status;

        ControlException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final URI base;
    private final HttpClient http;
    private final String token;

    public ControlClient(URI base, ControlCredentials credentials) {
        requireNonNull(base, "base");
        if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("control: '" + base + "' (expected: an https:// URL of the control "
                    + "plane, e.g. https://control.internal:8443)");
        }
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.token = credentials.token();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1);
        if ("https".equals(base.getScheme())) {
            b.sslContext(credentials.sslContext());
        }
        this.http = b.build();
    }

    public URI base() {
        return base;
    }

    /**
     * The current version if it is newer than {@code after} (0: any), waiting up to {@code wait} for one; empty when
     * none came in that time.
     *
     * @throws ControlException 404 when nothing was ever promoted, or any other error the control plane answered
     */
    public Optional<Promoted> current(long after, Duration wait) throws IOException, ControlException {
        String query = "v1/current?wait=" + wait.toSeconds() + (after > 0 ? "&after=" + after : "");
        HttpResponse<String> r = send(get(query).timeout(wait.plus(CALL_TIMEOUT)).build());
        if (r.statusCode() == 204) {
            return Optional.empty();
        }
        JsonNode body = ok(r, 200);
        Map<String, String> files = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            files.put(e.getKey(), e.getValue().asText());
        }
        String promotedAt = body.path("promotedAt").asText(null);
        return Optional.of(new Promoted(body.path("version").asLong(), body.path("digest").asText(), files,
                promotedAt == null ? null : Instant.parse(promotedAt), body.path("promotedBy").asText(null)));
    }

    /** Reports the node's state; answers the control plane's reply ({@code liveNodes}, {@code currentVersion}). */
    public JsonNode heartbeat(String nodeId, ObjectNode beat) throws IOException, ControlException {
        return ok(send(post("v1/nodes/" + encode(nodeId) + "/heartbeat", beat)), 200);
    }

    /** The checkpoints the control plane accepted for {@code nodeId}, oldest first. */
    public List<Accepted> checkpoints(String nodeId) throws IOException, ControlException {
        JsonNode body = ok(send(get("v1/nodes/" + encode(nodeId) + "/checkpoints").build()), 200);
        return accepted(body);
    }

    /** Parses a checkpoint list as {@code GET /v1/nodes/{id}/checkpoints} answers it. */
    public static List<Accepted> accepted(JsonNode body) {
        if (!body.isArray()) {
            throw new IllegalArgumentException("checkpoints: " + body.getNodeType() + " (expected: a JSON array of "
                    + "{\"treeSize\",\"rootHash\",\"checkpoint\"})");
        }
        List<Accepted> out = new ArrayList<>();
        for (JsonNode c : body) {
            if (!c.path("checkpoint").isTextual()) {
                throw new IllegalArgumentException("checkpoints[" + out.size() + "].checkpoint: "
                        + c.get("checkpoint") + " (expected: the signed checkpoint text)");
            }
            out.add(new Accepted(c.path("treeSize").asLong(), c.path("rootHash").asText(), c.get("checkpoint").asText()));
        }
        return out;
    }

    /**
     * Publishes a signed checkpoint with the consistency proof from the latest accepted one (base64 hashes) and the
     * log's public key (PEM; it pins the node's key with its first checkpoint, and must be that key afterwards).
     */
    public void publish(String nodeId, String checkpoint, List<String> consistency, String publicKey)
            throws IOException, ControlException {
        ObjectNode body = JSON.createObjectNode().put("checkpoint", checkpoint).put("publicKey", publicKey);
        consistency.forEach(body.putArray("consistency")::add);
        HttpResponse<String> r = send(post("v1/nodes/" + encode(nodeId) + "/checkpoints", body));
        if (r.statusCode() != 200) {
            ok(r, 201);
        }
    }

    private HttpRequest.Builder get(String path) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(CALL_TIMEOUT));
    }

    private HttpRequest post(String path, JsonNode body) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))).build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The body of a response with status {@code expected}; otherwise throws with the control plane's message. */
    private static JsonNode ok(HttpResponse<String> r, int expected) throws IOException, ControlException {
        if (r.statusCode() != expected) {
            String message;
            try {
                message = JSON.readTree(r.body()).path("error").asText(r.body());
            } catch (IOException notJson) {
                message = r.body();
            }
            throw new ControlException(r.statusCode(), r.request().method() + " " + r.request().uri().getPath()
                    + ": " + r.statusCode() + " " + (message == null || message.isBlank() ? "(no message)" : message));
        }
        return r.body() == null || r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
