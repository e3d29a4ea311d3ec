package io.portcullis.runtime.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The demo's configuration, written with its ports and upstream filled in to a file a user can edit, and the
 * demo's identity provider: an ES256 key made now, whose public half is written as {@code demo-jwks.json} and
 * whose private half stays in this object's memory to mint tokens for the tour.
 */
public final class DemoConfig {

    /** The demo identity provider's issuer. */
    public static final String ISSUER = "https://idp.demo.portcullis";
    /** The audience of console sign-in tokens ({@link #consoleToken}). */
    public static final String CONSOLE_AUDIENCE = "portcullis-console";

    private final Path file;
    private final ECKey key;

    private DemoConfig(Path file, ECKey key) {
        this.file = file;
        this.key = key;
    }

    /** Writes {@code demo.yaml} and {@code demo-jwks.json} into {@code dir}; the APIs get ports base, base+1, base+2. */
    public static DemoConfig write(Path dir, int ordersPort, int ledgerPort, int paymentsPort, URI upstream) {
        try (InputStream in = DemoConfig.class.getResourceAsStream("demo.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo.yaml missing from the runtime jar");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${ORDERS_PORT}", Integer.toString(ordersPort))
                    .replace("${LEDGER_PORT}", Integer.toString(ledgerPort))
                    .replace("${PAYMENTS_PORT}", Integer.toString(paymentsPort))
                    .replace("${UPSTREAM}", upstream.toString());
            Files.createDirectories(dir);
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("demo-" + Instant.now().getEpochSecond()).generate();
            Files.writeString(dir.resolve("demo-jwks.json"), new JWKSet(key.toPublicJWK()).toString());
            Path file = dir.resolve("demo.yaml");
            Files.writeString(file, yaml);
            return new DemoConfig(file, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the demo's signing key", e);
        }
    }

    /** The configuration file. */
    public Path file() {
        return file;
    }

    /** A token for {@code workload} of acme's account listing {@code groups}, valid for an hour, signed by the demo's key. */
    public String token(String workload, List<String> groups) {
        return token(workload, groups, "111111111111");
    }

    /** A token for {@code caller} (a workload or partner) of {@code account} listing {@code groups}, as above. */
    public String token(String caller, List<String> groups, String account) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience("payments").subject(caller)
                .claim("groups", groups).claim("account", account).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
    }

    /**
     * Writes {@code demo-console.yaml} beside the demo's configuration: the audit log (a signing key made now, in
     * {@code audit/}; checkpoints every second), the admin listener on {@code adminPort} and the console on
     * {@code consolePort}, signing in with tokens of the demo's identity provider (audience
     * {@value #CONSOLE_AUDIENCE}). Run the node on both files.
     */
    public Path writeConsole(int consolePort, int adminPort) {
        Path dir = file.getParent();
        try {
            Path keys = Files.createDirectories(dir.resolve("keys"));
            java.security.KeyPair pair = io.portcullis.audit.checkpoint.AuditKeys.generate();
            io.portcullis.audit.checkpoint.AuditKeys.writeSigningKey(keys.resolve("audit-signing.pem"), pair);
            io.portcullis.audit.checkpoint.AuditKeys.writePublicKey(keys.resolve("audit-public.pem"), pair.getPublic());
            Path console = dir.resolve("demo-console.yaml");
            Files.writeString(console, String.join("\n",
                    "# The demo's evidence and console, beside demo.yaml (a node may be given several files).",
                    "audit: {dir: audit, signingKey: keys/audit-signing.pem, checkpointInterval: 1s}",
                    "admin: {listen: \"127.0.0.1:" + adminPort + "\"}",
                    "console:",
                    "  listen: \"127.0.0.1:" + consolePort + "\"",
                    "  auth:",
                    "    jwt: {issuer: \"" + ISSUER + "\", audiences: [" + CONSOLE_AUDIENCE + "], algorithms: [ES256], jwks: demo-jwks.json}",
                    "    rolesClaim: roles",
                    ""));
            return console;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A console sign-in token for {@code user} with {@code role} ({@code viewer} or {@code operator}), valid an hour. */
    public String consoleToken(String user, String role) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience(CONSOLE_AUDIENCE).subject(user)
                .claim("roles", List.of(role)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
        return jwt.serialize();
    }
}
