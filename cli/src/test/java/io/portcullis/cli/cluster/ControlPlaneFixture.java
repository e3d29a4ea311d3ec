package io.portcullis.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.control.ControlPlane;
import io.portcullis.control.ControlSettings;
import io.portcullis.control.auth.Role;
import io.portcullis.control.store.DatabaseUrl;
import io.portcullis.testing.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A control plane on loopback over real TLS (certificates from {@link TestPki}), on a database of its own on the
 * machine's PostgreSQL; an operator's client for proposing and promoting plans; certificates for the nodes. It can be
 * stopped and started again on the same port and database.
 */
final class ControlPlaneFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final TestPki pki;
    final TestDatabase db;
    private final Path work;
    private final TestPki.Issued server;
    /** The operator's certificate (roles viewer, proposer, operator). */
    final TestPki.Issued operatorCert;
    private final Map<String, TestPki.Issued> nodes = new HashMap<>();
    private final Map<String, Set<Role>> roles = new HashMap<>();
    private final HttpClient operator;
    private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
    private ControlPlane plane;

    ControlPlaneFixture(Path dir, String... nodeIds) throws SQLException {
        pki = new TestPki(dir.resolve("pki"));
        db = new TestDatabase("portcullis_cluster");
        work = dir.resolve("control-work");
        server = pki.server();
        TestPki.Issued op = pki.issue("operator");
        operatorCert = op;
        roles.put("CN=operator", Set.of(Role.VIEWER, Role.PROPOSER, Role.OPERATOR));
        for (String id : nodeIds) {
            nodes.put(id, pki.issue(id));
            roles.put("CN=" + id, Set.of(Role.NODE));
        }
        operator = HttpClient.newBuilder().sslContext(pki.clientContext(op)).connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Starts the control plane (on the port it had before, after a {@link #stop}). */
    ControlPlaneFixture start() throws InterruptedException {
        plane = ControlPlane.start(new ControlSettings(DatabaseUrl.parse(db.url()), listen, server.certFile(),
                server.keyFile(), Optional.of(pki.caFile()), roles, Optional.empty(), "roles",
                ControlSettings.LIVE_FOR, work, true), Clock.systemUTC()); // node ids bound to certificates
        listen = plane.address();
        return this;
    }

    void stop() {
        plane.close();
        plane = null;
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + listen.getPort());
    }

    TestPki.Issued node(String id) {
        return nodes.get(id);
    }

    /** Proposes a plan; returns its digest. */
    String propose(Map<String, String> files, String description) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("description", description);
        ObjectNode f = body.putObject("files");
        files.forEach(f::put);
        JsonNode answer = call("POST", "/v1/plans", body, 201, 200);
        return answer.get("digest").asText();
    }

    /** Promotes the plan {@code digest}; returns the version. */
    long promote(String digest) throws IOException, InterruptedException {
        return call("PUT", "/v1/current", JSON.createObjectNode().put("digest", digest), 200).get("version").asLong();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, 200);
    }

    private JsonNode call(String method, String path, JsonNode body, int... ok) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = operator.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (int status : ok) {
            if (r.statusCode() == status) {
                return JSON.readTree(r.body());
            }
        }
        throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }

    @Override
    public void close() throws SQLException {
        if (plane != null) {
            stop();
        }
        db.close();
    }
}
