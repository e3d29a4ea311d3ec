package io.portcullis.gateway.server;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.guard.Blocklist;
import io.portcullis.gateway.guard.ConnectionGuard;
import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.guard.PlanEpoch;
import io.portcullis.gateway.guard.Readmission;
import io.portcullis.gateway.http.ApiRuntime;
import io.portcullis.gateway.http.ProxyServices;
import io.portcullis.gateway.limit.LocalRateLimiter;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.metrics.GatewayMetrics;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.observe.ConnectionTrace;
import io.portcullis.gateway.observe.DecisionShadow;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestIds;
import io.portcullis.gateway.observe.SafeListener;
import io.portcullis.gateway.probe.ProbeMarks;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.gateway.upstream.UpstreamPools;
import io.portcullis.time.Ticker;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: one listener per API, serving until {@link #close()}.
 *
 * <p>{@link #swap(GatewaySettings)} applies a new settings snapshot: everything is compiled first (routes,
 * upstream addresses, TLS contexts) and a failure leaves the running snapshot untouched. Then each API's
 * snapshot reference is replaced atomically; a request already admitted finishes on the snapshot it started
 * with, the next request on any connection uses the new one; connection-level settings (PROXY protocol, TLS,
 * timeouts) apply to connections accepted after the swap. New APIs are bound, removed ones stop accepting
 * (their open connections finish), and an API whose listen address changed is re-bound.
 *
 * <p>Live state across a swap: open-connection counts belong to the API name and carry over. Token buckets are
 * identified by (API and route scope, the limit's settings, key value), so an unchanged limit keeps its buckets
 * and their remaining tokens; a limit whose capacity, refill or key changed starts fresh, full buckets (the old
 * ones expire once idle for their refill time). A shrinking limit therefore allows at most one new burst.
 *
 * <p>Observation: the {@link GatewayListener} set on the builder is told of every connection and finished
 * request and can stop admission; meters go to the builder's {@link MeterRegistry} (see {@link GatewayMetrics}).
 *
 * <p>Time: event times come from the builder's {@link Clock}; every elapsed time (timeouts, idle, latencies, the
 * failure floor, penalties, flood buckets, log budgets, re-admission) from its {@link Ticker}, read once where it is
 * needed. Netty's timers still fire on real time: they only say when to look at the ticker again.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    /** What every connection's stages share; {@code connections} holds every open client connection. */
    record Services(ConnectionGuard guard, Blocklist blocklist, ProxyServices proxy, Clock clock, Ticker ticker,
                    AtomicLong connectionIds, ChannelGroup connections, SourcePenalties penalties) {}

    /** How often every open connection is re-admitted under the plan in force ({@link #revalidate}). */
    static final Duration REVALIDATE_EVERY = Duration.ofSeconds(5);

    private final Services services;
    private final GatewayMetrics metrics;
    private final Transport transport;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, ApiListener> listeners = new LinkedHashMap<>();
    private final SslProvider tlsProvider;
    private GatewaySettings settings;
    private ScheduledFuture<?> revalidation;

    private GatewayServer(Builder b) {
        this.transport = Transport.best();
        this.boss = transport.group(1);
        this.workers = transport.group(b.workerThreads);
        this.metrics = new GatewayMetrics(b.registry, b.ticker);
        metrics.blocklist(b.blocklist);
        Rejections rejections = b.rejections != null ? b.rejections : new Rejections(b.registry, b.ticker);
        this.services = new Services(b.guard, b.blocklist, new ProxyServices(
                new UpstreamPools(transport.socketChannel(), 64), b.rateLimiter, rejections,
                new SafeListener(b.listener, b.registry), new RequestIds(), b.clock, b.ticker, b.guard, b.blocklist,
                new PlanEpoch(), b.shadow, b.probes), b.clock, b.ticker,
                new AtomicLong(), new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE),
                b.penalties);
        this.settings = b.settings;
        this.tlsProvider = b.tlsProvider;
    }

    public static Builder builder(GatewaySettings settings, ConnectionGuard guard) {
        return new Builder(settings, guard);
    }

    /** Compiles and binds every API. */
    public synchronized GatewayServer start() {
        Map<String, ApiRuntime> compiled = compile(settings);
        try {
            for (ApiSettings api : settings.apis()) {
                bind(api.name(), new ApiListener(compiled.get(api.name())));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        revalidation = boss.next().scheduleAtFixedRate(this::revalidate, REVALIDATE_EVERY.toMillis(),
                REVALIDATE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.info("gateway started transport={} tls={} apis={}", transport.name(), tlsProvider, boundPorts());
        return this;
    }

    /**
     * Re-admits every open connection under the plan in force now ({@link Readmission}), each on its event loop,
     * and closes those that lost admission (a group's rule removed, a window closed, a rule expired, a block).
     * Runs every {@link #REVALIDATE_EVERY} and after every {@link #swap}; a request on an open connection is
     * re-admitted anyway, so this is what reaches idle ones.
     */
    public void revalidate() {
        services.proxy().planEpoch().bump(); // every connection's next request asks the guard again
        services.penalties().sweep(services.ticker().read());
        for (Channel channel : services.connections()) {
            channel.eventLoop().execute(() -> revalidate(channel));
        }
    }

    private void revalidate(Channel channel) {
        ConnectionContext connection = ConnectionContext.of(channel);
        ConnectionTrace trace = channel.pipeline().get(ConnectionTrace.class);
        if (connection == null || trace == null || connection.admission() == null || !channel.isActive()) {
            return; // not admitted yet: the accept-time guard decides it on the plan in force
        }
        Admission now = trace.sourcePenalized()
                ? new Admission(Decision.deny(GuardReasons.SOURCE_PENALIZED, "penalties",
                        "the source sits out a penalty for repeated refusals or floods"), connection.source())
                : Readmission.readmit(services.guard(), services.blocklist(), connection.api(),
                        connection.admission(), connection.peer(), connection.sourceAddress(),
                        connection.vpcEndpoint(), services.clock().millis());
        if (now.admitted()) {
            connection.readmitted(now, services.proxy().planEpoch().current(), services.ticker().read());
        } else {
            trace.refused(now.decision());
            channel.close();
        }
    }

    /**
     * Validates and compiles the new snapshot, then swaps it in.
     *
     * <p>New addresses are bound before anything changes, so a snapshot that cannot be compiled or bound leaves the
     * old one in force, with one exception: an address held by a listener the new snapshot retires (a renamed API)
     * is released first. Retired listeners have stopped accepting when this returns; their open connections finish
     * on the old settings.
     *
     * @throws IllegalArgumentException when the snapshot cannot be compiled or bound
     */
    public synchronized void swap(GatewaySettings next) {
        requireNonNull(next, "next");
        Map<String, ApiRuntime> compiled = compile(next);
        // Listeners that stop serving: removed APIs, and APIs moving to another address.
        Map<String, ApiListener> retiring = new LinkedHashMap<>();
        listeners.forEach((name, l) -> {
            Optional<ApiSettings> api = next.api(name);
            if (api.isEmpty() || !sameListen(l, api.get().listen())) {
                retiring.put(name, l);
            }
        });
        // First bind every new address while the old listeners still serve, so that a failure leaves everything
        // as it was. Only an address a retiring listener holds must be released first (a renamed API, say).
        Map<String, ApiListener> bound = new LinkedHashMap<>();
        try {
            for (ApiSettings api : next.apis()) {
                ApiListener existing = listeners.get(api.name());
                if (existing != null && !retiring.containsKey(api.name())) {
                    continue;
                }
                retiring.values().stream().filter(l -> holds(l, api.listen()))
                        .forEach(l -> l.serverChannel().close().syncUninterruptibly());
                ApiListener listener = new ApiListener(compiled.get(api.name()));
                listener.serverChannel(open(listener));
                bound.put(api.name(), listener);
            }
        } catch (RuntimeException e) {
            bound.values().forEach(l -> l.serverChannel().close().syncUninterruptibly());
            throw e;
        }
        for (ApiSettings api : next.apis()) {
            ApiListener existing = listeners.get(api.name());
            if (existing != null && !retiring.containsKey(api.name())) {
                existing.swap(compiled.get(api.name()));
            }
        }
        // Stop accepting on the retiring listeners before returning; their open connections finish on their own.
        retiring.values().forEach(l -> l.serverChannel().close().syncUninterruptibly());
        listeners.keySet().removeAll(retiring.keySet());
        listeners.putAll(bound);
        settings = next;
        log.info("gateway settings swapped apis={}", boundPorts());
        revalidate();
    }

    /** The listener is bound to exactly this address (never true for a wanted port 0, which any free port meets). */
    private static boolean holds(ApiListener listener, InetSocketAddress wanted) {
        InetSocketAddress bound = (InetSocketAddress) listener.serverChannel().localAddress();
        return wanted.getPort() != 0 && listener.serverChannel().isOpen() && bound.getPort() == wanted.getPort()
                && bound.getAddress().equals(wanted.getAddress());
    }

    /** The listener already serves the address: the same settings value, or the address it is bound to. */
    private static boolean sameListen(ApiListener listener, InetSocketAddress wanted) {
        InetSocketAddress bound = (InetSocketAddress) listener.serverChannel().localAddress();
        return wanted.equals(listener.runtime().settings().listen())
                || wanted.getAddress().equals(bound.getAddress()) && wanted.getPort() == bound.getPort();
    }

    private Map<String, ApiRuntime> compile(GatewaySettings s) {
        Map<String, ApiRuntime> compiled = new LinkedHashMap<>();
        for (ApiSettings api : s.apis()) {
            try {
                compiled.put(api.name(), new ApiRuntime(api, api.tls().map(tls -> TlsContexts.server(tls, tlsProvider)),
                        metrics.api(api)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("apis." + api.name() + "." + e.getMessage(), e);
            }
        }
        return compiled;
    }

    private void bind(String name, ApiListener listener) {
        listener.serverChannel(open(listener));
        listeners.put(name, listener);
    }

    /**
     * Binds the listener's address.
     *
     * @throws IllegalArgumentException naming the API and address when it cannot be bound (in use, not local)
     */
    private Channel open(ApiListener listener) {
        ApiSettings api = listener.runtime().settings();
        ChannelFuture bind = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // One read per connection per turn of the event loop: a connection that floods (1-byte chunks,
                // tiny frames) then waits its turn behind every other connection on the loop instead of taking
                // up to 16 reads' worth of work at a time.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(4))
                .childHandler(new ApiChannelInitializer(listener, services))
                .bind(api.listen()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            InetSocketAddress at = api.listen();
            String host = at.getAddress().getHostAddress();
            throw new IllegalArgumentException("apis." + api.name() + ".listen: cannot bind "
                    + (at.getAddress() instanceof java.net.Inet6Address ? "[" + host + "]" : host) + ":" + at.getPort()
                    + ": " + bind.cause().getMessage(), bind.cause());
        }
        return bind.channel();
    }

    /** The bound address of each API, by name (the port is the real one when settings asked for 0). */
    public synchronized Map<String, InetSocketAddress> boundPorts() {
        Map<String, InetSocketAddress> ports = new LinkedHashMap<>();
        listeners.forEach((name, l) -> ports.put(name, (InetSocketAddress) l.serverChannel().localAddress()));
        return ports;
    }

    /** The bound port of an API. */
    public int port(String api) {
        return Optional.ofNullable(boundPorts().get(api)).orElseThrow(
                () -> new IllegalArgumentException("api: '" + api + "' (expected: one of " + listeners.keySet() + ")"))
                .getPort();
    }

    /** The refusal counters. */
    public Rejections rejections() {
        return services.proxy().rejections();
    }

    /** Open connections of an API under a limiter key ({@code api}, {@code workload:W}, {@code group:G}). */
    public synchronized int openConnections(String api, String key) {
        ApiListener l = listeners.get(api);
        return l == null ? 0 : l.limiter().openConnections(key);
    }

    /** Stops accepting, closes every connection and the event loops. */
    @Override
    public synchronized void close() {
        if (revalidation != null) {
            revalidation.cancel(false);
        }
        listeners.values().forEach(l -> {
            if (l.serverChannel() != null) {
                l.serverChannel().close().syncUninterruptibly();
            }
        });
        listeners.clear();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Options of the server; the settings snapshot and the connection guard are required. */
    public static final class Builder {
        private final GatewaySettings settings;
        private final ConnectionGuard guard;
        private Blocklist blocklist = Blocklist.EMPTY;
        private RateLimiter rateLimiter = new LocalRateLimiter();
        private Rejections rejections;
        private MeterRegistry registry = new CompositeMeterRegistry();
        private GatewayListener listener = GatewayListener.NONE;
        private DecisionShadow shadow = DecisionShadow.NONE;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private SslProvider tlsProvider = TlsContexts.provider();
        private SourcePenalties penalties = new SourcePenalties();
        private ProbeMarks probes = ProbeMarks.NONE;

        private Builder(GatewaySettings settings, ConnectionGuard guard) {
            this.settings = requireNonNull(settings, "settings");
            this.guard = requireNonNull(guard, "guard");
        }

        /** How assurance probes are told from traffic (default: none are). */
        public Builder probes(ProbeMarks probes) {
            this.probes = requireNonNull(probes, "probes");
            return this;
        }

        public Builder blocklist(Blocklist blocklist) {
            this.blocklist = requireNonNull(blocklist, "blocklist");
            return this;
        }

        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /** The refusal counters; default: new ones exporting to the {@link #meterRegistry meter registry}. */
        public Builder rejections(Rejections rejections) {
            this.rejections = requireNonNull(rejections, "rejections");
            return this;
        }

        /** Where the data plane's meters go ({@link GatewayMetrics}); default: a registry that keeps nothing. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Told of every connection and finished request, and asked before admitting each (default: none). Runs on
         * the event loops: it must not block. Combine several with {@link GatewayListener#composite}.
         */
        public Builder listener(GatewayListener listener) {
            this.listener = requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Told of every request's live decision, to decide it again under a candidate plan (default: none). Runs
         * on the event loops after the live decision; what it decides is never enforced.
         */
        public Builder shadow(DecisionShadow shadow) {
            this.shadow = requireNonNull(shadow, "shadow");
            return this;
        }

        /** The sources' refusal budgets and penalties; default {@link SourcePenalties#SourcePenalties()}. */
        public Builder sourcePenalties(SourcePenalties penalties) {
            this.penalties = requireNonNull(penalties, "penalties");
            return this;
        }

        /** The clock of event times (connection and request events, connection-guard schedules). */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The source of elapsed time: timeouts, idle, latencies, the failure floor, penalties, flood buckets, log
         * budgets and re-admission; default {@link Ticker#system()}. Rejections passed to {@link #rejections} keep
         * their own.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = requireNonNull(ticker, "ticker");
            return this;
        }

        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workerThreads: " + threads + " (expected: >= 1)");
            }
            this.workerThreads = threads;
            return this;
        }

        /** The TLS implementation; default BoringSSL when available, else the JDK. */
        public Builder tlsProvider(SslProvider provider) {
            this.tlsProvider = requireNonNull(provider, "provider");
            return this;
        }

        public GatewayServer build() {
            return new GatewayServer(this);
        }
    }
}
