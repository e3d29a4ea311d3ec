package io.portcullis.console;

import static java.util.Objects.requireNonNull;

import io.portcullis.console.internal.ConsoleServer;
import io.portcullis.console.internal.NodeRelay;
import io.portcullis.console.internal.SignIn;
import io.portcullis.console.internal.User;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.TlsSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;

/**
 * The console of a whole cluster, served by the control plane ({@code portcullis control --console-listen}): a Nodes
 * overview from the heartbeats and, for a chosen node ({@code /nodes/ID/traffic}), the node console's own views,
 * their {@code /api/} requests and event stream relayed to that node's console over mTLS with the control plane's
 * client certificate. The user signs in here (a token or a client certificate whose roles name {@code viewer} or
 * {@code operator}) and the role each endpoint needs is checked here, by the node console's own rules, before
 * anything is forwarded; the user's cookie or token never is.
 */
public final class ClusterConsole implements AutoCloseable {

    private final ConsoleServer server;

    private ClusterConsole(ConsoleServer server) {
        this.server = server;
    }

    /**
     * Starts the cluster console.
     *
     * @param listen where it listens (HTTPS only)
     * @param tls its certificate and key; with a client CA, client certificates are asked for (not required, so
     *        that token users can connect)
     * @param tokens verifies the tokens users sign in with (closed with the console), when tokens are accepted
     * @param rolesClaim the claim naming a token's roles
     * @param certificateRoles the role names of a verified client certificate ({@code viewer}, {@code operator};
     *        others are ignored, the higher wins)
     * @param nodes the nodes as of their last heartbeats, read for every overview and relayed request
     * @param nodeClient the TLS context the control plane connects to node consoles with: its client certificate
     *        and the CA node consoles' certificates must chain to
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public static ClusterConsole start(InetSocketAddress listen, TlsSettings tls, Optional<JwtVerifier> tokens,
                                       String rolesClaim, Function<X509Certificate, Set<String>> certificateRoles,
                                       Supplier<List<ClusterNode>> nodes, SSLContext nodeClient, Clock clock) {
        requireNonNull(certificateRoles, "certificateRoles");
        SignIn signIn = new SignIn(tokens, rolesClaim, leaf -> SignIn.role(certificateRoles.apply(leaf))
                .map(role -> new User(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253), role,
                        leaf.getNotAfter().toInstant())), clock);
        try {
            return new ClusterConsole(new ConsoleServer(listen, Optional.of(tls),
                    tls.clientCa().isPresent() ? ClientAuth.OPTIONAL : ClientAuth.NONE, signIn,
                    new NodeRelay(nodes, nodeClient)));
        } catch (IOException e) {
            throw new IllegalStateException("--console-listen: cannot listen on " + listen + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
