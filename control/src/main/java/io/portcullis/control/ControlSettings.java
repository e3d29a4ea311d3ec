package io.portcullis.control;

import static java.util.Objects.requireNonNull;

import io.portcullis.control.auth.CertificateNames;
import io.portcullis.control.auth.Role;
import io.portcullis.control.store.DatabaseUrl;
import io.portcullis.identity.jwt.JwtSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a control plane needs: its database, where it listens with which certificate, how callers authenticate
 * (client certificates verified against {@code clientCa}, whose subjects map to roles; bearer tokens verified with
 * {@code jwt}, their roles in {@code rolesClaim}) and where bundles are compiled. Every rule is checked here, each
 * message naming the option and what was expected.
 *
 * @param liveFor a node is live while its last heartbeat is younger than this (3 heartbeat intervals)
 * @param work where bundles are written to be compiled (private directories, removed after each compilation)
 * @param bindNodeIds a caller with the node role (and not operator) may act only as the node whose id is its
 *        certificate's common name or its token's subject
 * @param console the cluster console, when served
 */
public record ControlSettings(DatabaseUrl db, InetSocketAddress listen, Path tlsCert, Path tlsKey, Optional<Path> clientCa,
                              Map<String, Set<Role>> certificateRoles, Optional<JwtSettings> jwt, String rolesClaim,
                              Duration liveFor, Path work, boolean bindNodeIds, Optional<Console> console) {

    /**
     * The cluster console ({@code --console-listen}): where it listens (HTTPS with the control plane's certificate,
     * signing users in as the API does), and the client certificate, key and CA with which the control plane connects
     * to the nodes' consoles (their certificates must chain to {@code nodeCa}).
     */
    public record Console(InetSocketAddress listen, Path nodeCert, Path nodeKey, Path nodeCa) {
        public Console {
            requireNonNull(listen, "listen");
            requireNonNull(nodeCert, "nodeCert");
            requireNonNull(nodeKey, "nodeKey");
            requireNonNull(nodeCa, "nodeCa");
        }
    }

    /** Without a cluster console. */
    public ControlSettings(DatabaseUrl db, InetSocketAddress listen, Path tlsCert, Path tlsKey, Optional<Path> clientCa,
                           Map<String, Set<Role>> certificateRoles, Optional<JwtSettings> jwt, String rolesClaim,
                           Duration liveFor, Path work, boolean bindNodeIds) {
        this(db, listen, tlsCert, tlsKey, clientCa, certificateRoles, jwt, rolesClaim, liveFor, work, bindNodeIds,
                Optional.empty());
    }

    /** 3 × the nodes' heartbeat interval of 15 s. */
    public static final Duration LIVE_FOR = Duration.ofSeconds(45);

    public ControlSettings {
        requireNonNull(db, "db");
        requireNonNull(listen, "listen");
        requireNonNull(tlsCert, "tlsCert");
        requireNonNull(tlsKey, "tlsKey");
        requireNonNull(clientCa, "clientCa");
        certificateRoles = Map.copyOf(certificateRoles);
        requireNonNull(jwt, "jwt");
        requireNonNull(rolesClaim, "rolesClaim");
        requireNonNull(liveFor, "liveFor");
        requireNonNull(work, "work");
        requireNonNull(console, "console");
        List<String> problems = new ArrayList<>();
        readable(tlsCert, "--tls-cert", problems);
        readable(tlsKey, "--tls-key", problems);
        clientCa.ifPresent(p -> readable(p, "--client-ca", problems));
        console.ifPresent(c -> {
            readable(c.nodeCert(), "--console-node-cert", problems);
            readable(c.nodeKey(), "--console-node-key", problems);
            readable(c.nodeCa(), "--console-node-ca", problems);
            if (c.listen().equals(listen) && listen.getPort() != 0) {
                problems.add("--console-listen: " + c.listen() + " is --listen's (expected: an address of its own)");
            }
        });
        if (clientCa.isEmpty() && jwt.isEmpty()) {
            problems.add("no way to authenticate callers (expected: --client-ca for client certificates, "
                    + "--jwt-issuer with --jwt-audience and --jwt-jwks for bearer tokens, or both)");
        }
        if (clientCa.isEmpty() && !certificateRoles.isEmpty()) {
            problems.add("--cert-role without --client-ca (expected: --client-ca, the CA that signs the certificates)");
        }
        if (rolesClaim.isBlank()) {
            problems.add("--jwt-roles-claim: empty (expected: the claim that holds a token's roles)");
        }
        if (liveFor.isNegative() || liveFor.isZero()) {
            problems.add("liveFor: " + liveFor + " (expected: > 0)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /**
     * Parses {@code NAME=ROLE[,ROLE...]} ({@code --cert-role}): the name is typed, {@code subject:DN} (RFC 2253,
     * {@code subject:CN=node-1,O=Example}), {@code dns:NAME} or {@code uri:URI}, or untyped as documented before
     * types ({@link CertificateNames#key}: a distinguished name matches only the subject); it ends at the last
     * {@code =}. The map is keyed by the typed name.
     */
    public static void certificateRole(String text, Map<String, Set<Role>> into) {
        int at = text.lastIndexOf('=');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("--cert-role: '" + text + "' (expected: NAME=ROLE[,ROLE...], e.g. "
                    + "subject:CN=node-1=node or uri:spiffe://example.org/ops=viewer,operator)");
        }
        String subject;
        try {
            subject = CertificateNames.key(text.substring(0, at));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cert-role: '" + text + "': " + e.getMessage(), e);
        }
        Set<Role> roles = new java.util.TreeSet<>();
        for (String r : text.substring(at + 1).split(",")) {
            try {
                roles.add(Role.of(r.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--cert-role: '" + text + "': " + e.getMessage(), e);
            }
        }
        into.merge(subject, Set.copyOf(roles), (a, b) -> {
            Set<Role> both = new java.util.TreeSet<>(a);
            both.addAll(b);
            return Set.copyOf(both);
        });
    }

    /** Parses {@code HOST:PORT} ({@code --listen}). */
    public static InetSocketAddress listen(String text) {
        return listen("--listen", text);
    }

    /** Parses {@code HOST:PORT} given as {@code option}. */
    public static InetSocketAddress listen(String option, String text) {
        int at = text.lastIndexOf(':');
        String expected = " (expected: HOST:PORT, e.g. 127.0.0.1:8443)";
        if (at <= 0) {
            throw new IllegalArgumentException(option + ": '" + text + "'" + expected);
        }
        String host = text.substring(0, at);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "': port is not a number" + expected);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + ": '" + text + "': port " + port + " (expected: 0 to 65535)");
        }
        return new InetSocketAddress(host, port);
    }

    private static void readable(Path p, String option, List<String> problems) {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            problems.add(option + ": '" + p + "' " + (Files.exists(p) ? "is not a readable file" : "does not exist")
                    + " (expected: a PEM file)");
        }
    }
}
