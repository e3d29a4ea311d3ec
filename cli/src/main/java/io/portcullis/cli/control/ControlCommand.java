package io.portcullis.cli.control;

import io.portcullis.cli.ExitCodes;
import io.portcullis.control.ControlPlane;
import io.portcullis.control.ControlSettings;
import io.portcullis.control.auth.Role;
import io.portcullis.control.store.DatabaseUrl;
import io.portcullis.identity.jwt.JwtSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis control --db postgresql://... --listen HOST:PORT --tls-cert --tls-key [--client-ca --cert-role ...]
 * [--jwt-issuer --jwt-audience --jwt-jwks ...]}: the control plane (docs/cluster.md).
 */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = {"Run the control plane of a cluster: plans, promotions, nodes, heartbeats and audit checkpoints "
                + "in PostgreSQL, served over HTTPS to callers authenticated by client certificate or bearer token "
                + "(docs/cluster.md; the API: GET /v1/openapi.yaml).",
                "It starts even when the database is down (then /healthz is unhealthy and the API answers 503) and "
                        + "recovers when it returns. Stops on SIGINT or SIGTERM.",
                "Exit codes: 0 stopped, 2 invalid options (every reason on stderr)."})
public final class ControlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "postgresql://HOST[:PORT]/DATABASE[?user=NAME&password=...]")
    String db;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8443", paramLabel = "HOST:PORT",
            description = "where the API listens (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--tls-cert", required = true, paramLabel = "PEM", description = "the server certificate chain")
    Path tlsCert;

    @Option(names = "--tls-key", required = true, paramLabel = "PEM", description = "the server's PKCS#8 key")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "PEM",
            description = "the CA bundle that signs callers' client certificates (mTLS)")
    Path clientCa;

    @Option(names = "--cert-role", paramLabel = "NAME=ROLES",
            description = "roles of a client certificate: a name it carries, typed as subject:DN (RFC 2253), dns:NAME "
                    + "or uri:URI (each matched only against that kind of name), '=', roles separated by ',' (viewer, "
                    + "proposer, approver, operator, node); repeatable, e.g. 'subject:CN=node-1=node', "
                    + "'uri:spiffe://example.org/ci=proposer'. Untyped: NAME://... is a URI, a name with '=' a subject, "
                    + "any other a DNS name")
    List<String> certRoles = new ArrayList<>();

    @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "accept bearer tokens from this issuer")
    String jwtIssuer;

    @Option(names = "--jwt-audience", paramLabel = "AUD", description = "a token's aud must name one of these")
    List<String> jwtAudiences = new ArrayList<>();

    @Option(names = "--jwt-jwks", paramLabel = "FILE|URL", description = "the issuer's JWK set: a file or an https URL")
    String jwtJwks;

    @Option(names = "--jwt-algorithm", paramLabel = "ALG", description = "allowed algorithms (default: RS256, ES256, EdDSA)")
    List<String> jwtAlgorithms = new ArrayList<>(List.of("RS256", "ES256", "EdDSA"));

    @Option(names = "--jwt-roles-claim", defaultValue = "roles", paramLabel = "CLAIM",
            description = "the claim holding a token's roles: a list, or one space-separated string (default: ${DEFAULT-VALUE})")
    String rolesClaim;

    @Option(names = "--bind-node-ids", description = "a caller with the node role (and not operator) may report and "
            + "publish only as the node named by its certificate's common name or its token's subject")
    boolean bindNodeIds;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "where bundles are written to be compiled (default: a directory under java.io.tmpdir)")
    Path work;

    @Option(names = "--console-listen", paramLabel = "HOST:PORT", description = "serve the cluster console here (HTTPS "
            + "with --tls-cert; users sign in as the API's callers do, roles viewer or operator)")
    String consoleListen;

    @Option(names = "--console-node-cert", paramLabel = "PEM",
            description = "the client certificate the control plane presents to the nodes' consoles")
    Path consoleNodeCert;

    @Option(names = "--console-node-key", paramLabel = "PEM", description = "its PKCS#8 key")
    Path consoleNodeKey;

    @Option(names = "--console-node-ca", paramLabel = "PEM",
            description = "the CA the nodes' console certificates must chain to")
    Path consoleNodeCa;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ControlSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            e.getMessage().lines().forEach(l -> err.println("invalid input: " + l));
            err.flush();
            return ExitCodes.INVALID;
        }
        ControlPlane plane;
        try {
            plane = ControlPlane.start(settings, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println("invalid input: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (io.netty.channel.ChannelException e) {
            err.println("invalid input: --listen " + listen + ": cannot bind: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (IllegalStateException e) {
            err.println("invalid input: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        out.println("control plane on https://" + plane.address().getHostString() + ":" + plane.address().getPort()
                + " with database " + settings.db() + " (pid " + ProcessHandle.current().pid() + "; Ctrl-C stops)");
        plane.consoleAddress().ifPresent(a -> out.println("cluster console on https://" + a.getHostString() + ":"
                + a.getPort() + "/"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plane.close();
            stopped.countDown();
        }, "portcullis-control-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private ControlSettings settings() {
        List<String> problems = new ArrayList<>();
        DatabaseUrl url = attempt(() -> DatabaseUrl.parse(db), problems);
        java.net.InetSocketAddress address = attempt(() -> ControlSettings.listen(listen), problems);
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        certRoles.forEach(r -> attempt(() -> {
            ControlSettings.certificateRole(r, roles);
            return null;
        }, problems));
        Optional<JwtSettings> jwt = Optional.empty();
        if (jwtIssuer != null || !jwtAudiences.isEmpty() || jwtJwks != null) {
            jwt = Optional.ofNullable(attempt(() -> {
                JwtSettings.Builder b = JwtSettings.builder().issuer(jwtIssuer == null ? "" : jwtIssuer)
                        .audiences(jwtAudiences.toArray(String[]::new)).algorithms(jwtAlgorithms.toArray(String[]::new));
                if (jwtJwks != null) {
                    b.jwks(jwtJwks);
                }
                return b.build();
            }, problems));
        }
        Path dir = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "portcullis-control");
        Optional<ControlSettings.Console> console = Optional.empty();
        if (consoleListen != null) {
            java.net.InetSocketAddress at = attempt(() -> ControlSettings.listen("--console-listen", consoleListen), problems);
            if (consoleNodeCert == null || consoleNodeKey == null || consoleNodeCa == null) {
                problems.add("--console-listen without --console-node-cert, --console-node-key and --console-node-ca "
                        + "(expected: the client certificate, key and CA with which the control plane connects to the "
                        + "nodes' consoles)");
            } else if (at != null) {
                console = Optional.of(new ControlSettings.Console(at, consoleNodeCert, consoleNodeKey, consoleNodeCa));
            }
        } else if (consoleNodeCert != null || consoleNodeKey != null || consoleNodeCa != null) {
            problems.add("--console-node-* without --console-listen (expected: --console-listen HOST:PORT to serve the "
                    + "cluster console)");
        }
        if (problems.isEmpty()) {
            try {
                return new ControlSettings(url, address, tlsCert, tlsKey, Optional.ofNullable(clientCa), roles, jwt,
                        rolesClaim, ControlSettings.LIVE_FOR, dir, bindNodeIds, console);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }

    private static <T> T attempt(java.util.function.Supplier<T> parse, List<String> problems) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            problems.add(m.startsWith("--") ? m : "--jwt-*: " + m);
            return null;
        }
    }
}
