package io.portcullis.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.control.auth.Role;
import io.portcullis.control.store.DatabaseUrl;
import io.portcullis.identity.jwt.JwtSettings;
import io.portcullis.testing.TestPki;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A control plane on loopback over real TLS: certificates from {@link TestPki}, one client certificate per role
 * ({@code CN=viewer}, {@code CN=proposer}, {@code CN=operator}, {@code CN=node-1}, {@code CN=nobody} without a role),
 * and bearer tokens signed with an ES256 key whose JWK set is a file.
 */
final class ControlFixture implements AutoCloseable {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "portcullis-control";

    final TestPki pki;
    /** The control plane's server certificate (its API's and its console's). */
    final TestPki.Issued server;
    final ControlPlane plane;
    /** The database this fixture created and drops when closed, or null when it was given one. */
    private TestDatabase database;
    private final ECKey signing;
    private final Map<String, TestPki.Issued> issued = new HashMap<>();
    /** The certificate the control plane presents to node consoles (with {@link #withConsole}), else null. */
    final TestPki.Issued consoleClient;
    /** Its identity, what a node's {@code console.auth.certificates} lists. */
    static final String CONSOLE_CLIENT = "spiffe://portcullis.test/control-console";

    private ControlFixture(Path dir, DatabaseUrl db, Clock clock) throws Exception {
        this(dir, db, clock, false);
    }

    private ControlFixture(Path dir, DatabaseUrl db, Clock clock, boolean console) throws Exception {
        pki = new TestPki(dir.resolve("pki"));
        server = pki.server();
        signing = new ECKeyGenerator(Curve.P_256).keyID("control-test").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(signing.toPublicJWK()).toString());
        Map<String, Set<Role>> roles = new HashMap<>();
        for (String r : List.of("CN=viewer=viewer", "CN=proposer=proposer", "CN=operator=operator,viewer",
                "CN=node-1=node", "CN=node-2=node", "CN=node-3=node", "CN=admin=viewer,proposer,operator")) {
            ControlSettings.certificateRole(r, roles);
        }
        JwtSettings jwt = JwtSettings.builder().issuer(ISSUER).audiences(AUDIENCE).algorithms("ES256")
                .jwks(jwks.toString()).build();
        consoleClient = console ? pki.clientWithUri("control-console", CONSOLE_CLIENT) : null;
        plane = ControlPlane.start(new ControlSettings(db, new InetSocketAddress("127.0.0.1", 0), server.certFile(),
                server.keyFile(), Optional.of(pki.caFile()), roles, Optional.of(jwt), "roles", ControlSettings.LIVE_FOR,
                dir.resolve("work"), true, console ? Optional.of(new ControlSettings.Console(
                        new InetSocketAddress("127.0.0.1", 0), consoleClient.certFile(), consoleClient.keyFile(),
                        pki.caFile())) : Optional.empty()), clock);
    }

    /**
     * As {@link #onNewDatabase(Path, String)}, serving the cluster console on a port of its own; it connects to node
     * consoles with {@link #consoleClient} ({@value #CONSOLE_CLIENT}) and trusts the fixture's CA.
     */
    static ControlFixture withConsole(Path dir, String prefix) throws Exception {
        return onNewDatabase(dir, prefix, Clock.systemUTC(), true);
    }

    /** The certificate {@code CN=name} (the one {@link #as} presents). */
    TestPki.Issued certificate(String name) {
        return issued.computeIfAbsent(name, pki::issue);
    }

    static ControlFixture start(Path dir, DatabaseUrl db) throws Exception {
        return new ControlFixture(dir, db, Clock.systemUTC());
    }

    static ControlFixture start(Path dir, DatabaseUrl db, Clock clock) throws Exception {
        return new ControlFixture(dir, db, clock);
    }

    /**
     * A control plane on a new database named after {@code prefix} (a test class's own), dropped when the fixture
     * is closed, or at once if the control plane does not start.
     */
    static ControlFixture onNewDatabase(Path dir, String prefix, Clock clock) throws Exception {
        return onNewDatabase(dir, prefix, clock, false);
    }

    private static ControlFixture onNewDatabase(Path dir, String prefix, Clock clock, boolean console) throws Exception {
        TestDatabase db = TestDatabase.create(prefix);
        try {
            ControlFixture fixture = new ControlFixture(dir, db.url(), clock, console);
            fixture.database = db;
            return fixture;
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    static ControlFixture onNewDatabase(Path dir, String prefix) throws Exception {
        return onNewDatabase(dir, prefix, Clock.systemUTC());
    }

    /** The database this fixture created. */
    DatabaseUrl databaseUrl() {
        return database.url();
    }

    /** A client presenting the certificate {@code CN=name}. */
    TestClient as(String name) {
        return TestClient.of(pki, certificate(name), plane.address());
    }

    /** A client presenting no certificate. */
    TestClient anonymous() {
        return TestClient.of(pki, null, plane.address());
    }

    /** A token for {@code subject} with these roles (a list, or a space-separated string) in the {@code roles} claim. */
    String token(String subject, Object roles) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("roles", roles).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signing.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(signing));
        return jwt.serialize();
    }

    @Override
    public void close() throws java.sql.SQLException {
        plane.close();
        if (database != null) {
            database.close();
        }
    }
}
