package io.portcullis.console;

import io.portcullis.config.node.ConsoleConfig;
import io.portcullis.console.internal.ConsoleServer;
import io.portcullis.console.internal.NodeViews;
import io.portcullis.console.internal.SignIn;
import io.portcullis.settings.ClientAuth;
import io.portcullis.runtime.Node;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The web console of a running node, started when its plan has a {@code console} section (off by default). It
 * reads what the node keeps (its meters, audit log, plan and change records) and decides nothing; its listener
 * and sign-in are those of the plan it started with (a reload that changes {@code console} takes effect at the
 * next start). In cluster mode the control plane serves the same views for every node by relaying to each node's
 * console ({@link ClusterConsole}; docs/console.md).
 */
public final class Console implements AutoCloseable {

    private final ConsoleServer server;

    private Console(ConsoleServer server) {
        this.server = server;
    }

    /**
     * Starts the console of {@code node}'s plan, or empty when it has no {@code console} section: on a listener of
     * its own ({@code console.listen}), or on the node's admin listener when the section names none.
     *
     * @throws IllegalStateException naming {@code console.listen} when the address cannot be bound, or when the
     *         console has no listener of its own and the node no admin listener; naming the audit log when the
     *         node's log or its key cannot be read
     */
    public static Optional<Console> start(Node node) {
        Optional<ConsoleConfig> config = node.plan().node().config().console();
        if (config.isEmpty()) {
            return Optional.empty();
        }
        ConsoleConfig c = config.get();
        NodeViews views;
        try {
            views = new NodeViews(node, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("console: cannot read the node's audit log or its key: " + e.getMessage(), e);
        }
        SignIn signIn = SignIn.of(c, Clock.systemUTC());
        if (c.listen().isEmpty()) {
            return Optional.of(new Console(new ConsoleServer(node::serveOnAdmin, node::adminAddress, signIn, views)));
        }
        ConsoleConfig.Listen listen = c.listen().get();
        try {
            return Optional.of(new Console(new ConsoleServer(new InetSocketAddress(listen.host(), listen.port()), c.tls(),
                    c.certificates() ? ClientAuth.REQUIRED : ClientAuth.NONE, signIn, views)));
        } catch (IOException e) {
            throw new IllegalStateException("console.listen: cannot listen on " + listen.host() + ":" + listen.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (the real port when the configuration asked for 0). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Whether the console serves over TLS (only then is it reported to a control plane). */
    public boolean tls() {
        return server.tls();
    }

    /** The address to open in a browser. */
    public URI uri() {
        InetSocketAddress a = server.address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((server.tls() ? "https://" : "http://") + host + ":" + a.getPort() + "/");
    }

    /**
     * The address the control plane is told (the heartbeat's {@code console}): the listener's own host, or this
     * machine's name when it listens on every address.
     */
    public URI advertised() {
        InetSocketAddress a = server.address();
        String host;
        if (a.getAddress().isAnyLocalAddress()) {
            try {
                host = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.net.UnknownHostException e) {
                host = "127.0.0.1";
            }
        } else {
            host = a.getAddress().getHostAddress();
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((server.tls() ? "https://" : "http://") + host + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.close();
    }
}
