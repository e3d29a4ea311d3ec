package io.portcullis.control;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.portcullis.console.ClusterConsole;
import io.portcullis.console.ClusterNode;
import io.portcullis.control.api.ControlApi;
import io.portcullis.control.api.CurrentWatch;
import io.portcullis.control.api.Route;
import io.portcullis.control.api.Server;
import io.portcullis.control.auth.Authenticator;
import io.portcullis.control.auth.Role;
import io.portcullis.control.plan.BundleCompiler;
import io.portcullis.control.store.Database;
import io.portcullis.control.store.NodeCheckpoints;
import io.portcullis.control.store.NodeStore;
import io.portcullis.control.store.PlanStore;
import io.portcullis.control.store.StoreUnavailableException;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.runtime.cluster.ControlCredentials;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.TlsSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A running control plane ({@code portcullis control}): the database (pool and migrations), the stores, the bundle
 * compiler, the long-poll watch and the HTTPS API. It starts whether or not the database answers: until it does,
 * {@code /healthz} is unhealthy and the API answers 503, and it recovers by itself when the database returns.
 */
public final class ControlPlane implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ControlPlane.class);

    /** How often the current version is read for promotions made by another instance. */
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final Database db;
    private final CurrentWatch watch;
    private final Authenticator authenticator;
    private final ThreadPoolExecutor workers;
    private final ControlApi api;
    private final Server server;
    /** The cluster console, or null without {@code --console-listen}. */
    private final ClusterConsole console;

    private ControlPlane(ControlSettings settings, Clock clock) throws InterruptedException {
        TlsSettings tls = new TlsSettings(settings.tlsCert(), settings.tlsKey(), settings.clientCa(),
                settings.clientCa().isPresent() ? ClientAuth.OPTIONAL : ClientAuth.NONE, Optional.empty(), false);
        SslContext context = TlsContexts.server(tls, TlsContexts.provider(), ApplicationProtocolNames.HTTP_1_1);
        Optional<JwtVerifier> jwt = settings.jwt().map(j -> JwtVerifier.builder(j).clock(clock).build());
        this.authenticator = new Authenticator(settings.certificateRoles(), jwt, settings.rolesClaim());
        this.db = Database.open(settings.db());
        try {
            db.migrate();
        } catch (StoreUnavailableException e) {
            LOG.warn("starting without the database ({}): /healthz is unhealthy and the API answers 503 until it answers",
                    e.getMessage());
        }
        PlanStore plans = new PlanStore(db);
        this.watch = new CurrentWatch(plans::currentVersion, POLL_EVERY);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "control-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        NodeStore nodes = new NodeStore(db, settings.liveFor());
        this.api = new ControlApi(db, plans, nodes, new NodeCheckpoints(db),
                new BundleCompiler(clock, settings.work()), watch, clock, workers, settings.bindNodeIds());
        this.server = Server.start(api.routes(), authenticator, workers, context, settings.listen());
        try {
            this.console = settings.console().map(c -> console(settings, c, tls, nodes, clock)).orElse(null);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The cluster console: the control plane's certificate, users signed in as the API's callers are (its token
     * settings and certificate roles; {@code viewer} and {@code operator} are the console's roles), the nodes as of
     * their heartbeats, and the client certificate it presents to node consoles.
     */
    private ClusterConsole console(ControlSettings settings, ControlSettings.Console c, TlsSettings tls, NodeStore nodes,
                                   Clock clock) {
        javax.net.ssl.SSLContext nodeClient = new ControlCredentials(c.nodeCa(), c.nodeCert(), c.nodeKey(), null).sslContext();
        Optional<JwtVerifier> tokens = settings.jwt().map(j -> JwtVerifier.builder(j).clock(clock).build());
        return ClusterConsole.start(c.listen(), tls, tokens, settings.rolesClaim(), leaf -> {
            Authenticator.Outcome o = authenticator.authenticate(null, List.of(leaf));
            return o instanceof Authenticator.Authenticated a
                    ? a.caller().roles().stream().map(Role::id).collect(Collectors.toSet()) : Set.of();
        }, () -> nodes.nodes(clock.instant()).stream().map(ControlPlane::clusterNode).toList(), nodeClient, clock);
    }

    private static ClusterNode clusterNode(NodeStore.NodeState n) {
        return new ClusterNode(n.nodeId(), n.live(), n.lastSeen(), n.last().digest(), n.last().ready(), n.last().counters(),
                Optional.ofNullable(n.last().console()).map(URI::create));
    }

    /**
     * Starts a control plane on {@code settings}.
     *
     * @throws IllegalArgumentException when the TLS files cannot serve or the address cannot be bound
     */
    public static ControlPlane start(ControlSettings settings, Clock clock) throws InterruptedException {
        return new ControlPlane(requireNonNull(settings, "settings"), requireNonNull(clock, "clock"));
    }

    /** Where the API listens. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Where the cluster console listens, when it is served. */
    public Optional<InetSocketAddress> consoleAddress() {
        return Optional.ofNullable(console).map(ClusterConsole::address);
    }

    /** How many long polls are parked now. */
    public int parkedPolls() {
        return watch.waiting();
    }

    /** The routes served (the OpenAPI document must describe exactly these). */
    public List<Route> routes() {
        return api.routes();
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        server.close();
        watch.close();
        workers.shutdownNow();
        db.close();
        authenticator.close();
    }
}
