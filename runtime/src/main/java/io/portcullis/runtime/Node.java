package io.portcullis.runtime;

import static java.util.Objects.requireNonNull;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.alerts.Alerts;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Problem;
import io.portcullis.config.Workload;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Snapshot;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.runtime.assurance.Assurance;
import io.portcullis.runtime.assurance.ProbeKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.portcullis.gateway.metrics.GatewayMetrics;
import io.portcullis.runtime.change.ChangeEvidence;
import io.portcullis.runtime.cluster.LinkStatus;
import io.portcullis.runtime.autoblock.BlockSharing;
import io.portcullis.runtime.cluster.Cluster;
import io.portcullis.runtime.change.ChangeGate;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanChanges;
import io.portcullis.runtime.plan.PlanCompiler;
import io.portcullis.runtime.evidence.AdminServer;
import io.portcullis.runtime.evidence.ProcessMeters;
import io.portcullis.runtime.reload.ReloadOutcome;
import io.portcullis.runtime.reload.ReloadOutcomes;
import io.portcullis.runtime.serving.EngineGuard;
import io.portcullis.runtime.shadow.Shadow;
import io.portcullis.runtime.shadow.ShadowPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A running Portcullis node: the configuration loaded and compiled, every API served by the gateway, and
 * reloads applied without dropping a request.
 *
 * <p>Design: {@link #reload()} does all the work of a new configuration (load, validate, compile the engine,
 * map and compile the gateway settings) on the calling thread, never on an event loop; only when every step
 * succeeded does it swap, gateway settings first (the gateway compiles TLS contexts and binds new listeners, and
 * throws without changing anything if it cannot), then the engine. Until the engine swap, a brand-new API's
 * connections are denied as unknown (fail closed). Rate-limit buckets live in the gateway's rate limiter, keyed
 * by API, route and limit, so a reload that keeps a limit keeps its state, and a changed limit starts full.
 *
 * <p>Shadow ({@link Builder#shadow}): a candidate configuration compiled by its own compiler at start and at every
 * reload, after the live plan's reload and whatever its outcome, and swapped into the {@link Shadow} whole. A
 * candidate that does not compile is logged with every problem and shadows nothing; the live plan is untouched.
 */
public final class Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Node.class);

    /**
     * The outcome of a load or reload: whether it is in force, every problem found, and what the new plan changes
     * (or would have changed, when it compiled but was refused).
     */
    public record LoadResult(boolean applied, List<String> problems, List<String> warnings, PlanChanges changes) {
        public LoadResult {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            requireNonNull(changes, "changes");
        }
    }

    private final List<Path> configPaths;
    private final PlanCompiler compiler;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InMemoryBlocklist blocklist = new InMemoryBlocklist();
    private final ReloadOutcomes reloads;
    private final ChangeEvidence changes;
    private final List<Path> shadowPaths;
    private final PlanCompiler shadowCompiler;
    private final Shadow shadow;
    private final Supplier<LinkStatus> control;
    private final String nodeId;
    private Cluster cluster;
    private volatile Plan plan;
    private ProcessMeters processMeters;
    private EngineGuard guard;
    private NodeServices services;
    private volatile boolean serving;
    private volatile List<String> shadowProblems = List.of();
    private GatewayServer gateway;
    /** The probe key in force (null without {@code assurance}); the gateway's probe marks read it per probe. */
    private volatile ProbeKey probeKey;
    private Assurance assurance;

    private Node(Builder b) {
        this.configPaths = List.copyOf(b.configPaths);
        this.clock = b.clock;
        this.control = b.control;
        this.nodeId = b.nodeId;
        this.compiler = PlanCompiler.withClock(clock);
        this.reloads = new ReloadOutcomes(registry, clock);
        this.changes = new ChangeEvidence(registry);
        this.shadowPaths = List.copyOf(b.shadowPaths);
        this.shadowCompiler = shadowPaths.isEmpty() ? null : PlanCompiler.withClock(clock);
        this.shadow = shadowPaths.isEmpty() ? null : new Shadow(() -> plan,
                shadowPaths.stream().map(Path::toString).toList(), registry, clock);
    }

    public static Builder builder(List<Path> configPaths) {
        return new Builder(configPaths);
    }

    /** Compiles the plan and starts serving it; throws {@link NodeStartException} listing every problem. */
    public synchronized Node start() {
        Compilation compiled = compile();
        if (compiled.plan().isEmpty()) {
            throw new NodeStartException(compiled.errorLines());
        }
        Plan p = compiled.plan().get();
        ChangeGate.Outcome change = ChangeGate.check(null, p, clock.instant());
        if (change instanceof ChangeGate.Refused refused) {
            compiler.close();
            refused.findings().forEach(f -> log.error("start refused: {}", f));
            throw new NodeStartException(refused.findings().stream().map(p::place).toList());
        }
        compiler.adopt(p);
        guard = new EngineGuard(p.engine());
        plan = p;
        cluster = p.node().config().cluster().map(c -> Cluster.start(c, nodeId != null ? nodeId
                : c.nodeId().orElseGet(Cluster::madeNodeId), blocklist, this::audit, this::alert, registry, clock))
                .orElse(null);
        try {
            services = NodeServices.start(p.node(), registry, blocklist, this::addressesOf, AdminServer.Status.of(
                    () -> serving ? null : "starting", () -> plan.digest().toString(), reloads::last,
                    () -> shadow == null ? null : shadow.report(), control), clock,
                    cluster == null ? BlockSharing.NONE : cluster.blockSharing());
        } catch (IllegalStateException e) {
            closeCluster();
            compiler.close();
            throw new NodeStartException(List.of(p.place(e.getMessage())));
        }
        try {
            probeKey = probeKey(p);
        } catch (IllegalArgumentException e) {
            services.close();
            closeCluster();
            compiler.close();
            throw new NodeStartException(List.of(p.place("assurance.probeKey: " + e.getMessage())));
        }
        GatewayServer.Builder gb = GatewayServer.builder(p.gateway(), guard).blocklist(blocklist)
                .meterRegistry(registry).rejections(new Rejections(registry)).clock(clock).probes(this::isProbe);
        if (cluster != null) {
            gb.rateLimiter(cluster.rateLimiter());
        }
        if (shadow != null) {
            loadShadow();
            gb.shadow(shadow);
        }
        gateway = gb.listener(services.listener()).build();
        try {
            gateway.start();
        } catch (Exception e) { // Netty rethrows bind failures (checked) without declaring them
            services.close();
            closeCluster();
            compiler.close();
            String listens = p.gateway().apis().stream().map(a -> a.name() + " on " + a.listen().getHostString() + ":"
                    + a.listen().getPort()).collect(java.util.stream.Collectors.joining(", "));
            throw new NodeStartException(List.of("cannot start the gateway (" + listens + "): " + e.getMessage()));
        }
        serving = true;
        assurance = assurance(p);
        applied(change);
        reloads.started(p);
        processMeters = ProcessMeters.bind(registry);
        log.info("node started config={} plan={} apis={}", configPaths, p.digest(), gateway.boundPorts());
        return this;
    }

    /**
     * Compiles the configuration again and, if all of it is valid, swaps the new plan in; otherwise logs every
     * problem and keeps the plan in force. Either way the access log file is reopened (log rotation).
     */
    public synchronized LoadResult reload() {
        LoadResult result = reloadLive();
        if (shadow != null) {
            loadShadow();
        }
        return result;
    }

    /**
     * Compiles the candidate and puts it in shadow, or refuses it with every problem logged (and shadows nothing
     * until it compiles). Never touches the live plan; an unexpected failure is logged like a problem.
     */
    private void loadShadow() {
        try {
            Compilation compiled = shadowCompiler.compile(shadowPaths);
            if (compiled.plan().isEmpty()) {
                refuseShadow(compiled.errorLines());
                return;
            }
            Plan candidate = compiled.plan().get();
            try {
                shadow.use(ShadowPlan.of(candidate));
            } catch (IllegalArgumentException e) {
                shadowCompiler.discard(candidate);
                refuseShadow(List.of(candidate.place(e.getMessage())));
                return;
            }
            shadowCompiler.adopt(candidate);
            shadowProblems = List.of();
            log.info("shadow: candidate {} decides beside plan {} (config={})", candidate.digest(), plan.digest(),
                    shadowPaths);
        } catch (RuntimeException e) {
            refuseShadow(List.of("cannot compile the candidate: " + e));
        }
    }

    private void refuseShadow(List<String> problems) {
        problems.forEach(p -> log.error("shadow: candidate refused: {}", p));
        shadow.refuse(problems);
        shadowProblems = List.copyOf(problems);
    }

    /** The problems of the last candidate refused for shadow, empty when the candidate in shadow compiled. */
    public List<String> shadowProblems() {
        return shadowProblems;
    }

    /** The node's shadow, or empty when it was built without {@link Builder#shadow}. */
    public Optional<Shadow> shadow() {
        return Optional.ofNullable(shadow);
    }

    private LoadResult reloadLive() {
        services.reopenLogs(); // whatever the configuration says: SIGHUP after log rotation expects it
        Compilation compiled = compile();
        List<String> warnings = compiled.warnings().stream().map(Problem::toString).toList();
        if (compiled.plan().isEmpty()) {
            return rejected(null, compiled.errorLines(), warnings);
        }
        Plan p = compiled.plan().get();
        ChangeGate.Outcome change = ChangeGate.check(plan, p, clock.instant());
        if (change instanceof ChangeGate.Refused refused) {
            audit(changes.refused(refused, p.digest().toString(), plan.digest().toString(), clock.instant()));
            return rejected(p, refused.findings().stream().map(p::place).toList(), warnings);
        }
        if (!Objects.equals(plan.node().config().cluster(), p.node().config().cluster())) {
            return rejected(p, List.of(p.place("cluster: cannot change while the node runs: the link to the cluster "
                    + "store and the buckets of global limits are never swapped under traffic (expected: the cluster "
                    + "section in force; restart the node to apply a new one)")), warnings);
        }
        boolean assuranceChanged = !Objects.equals(plan.node().config().assurance(), p.node().config().assurance());
        ProbeKey nextKey;
        try {
            nextKey = assuranceChanged ? probeKey(p) : probeKey;
        } catch (IllegalArgumentException e) {
            return rejected(p, List.of(p.place("assurance.probeKey: " + e.getMessage())), warnings);
        }
        NodeServices.Change node;
        try {
            node = services.prepare(p.node());
        } catch (IllegalStateException e) {
            return rejected(p, List.of(p.place(e.getMessage())), warnings);
        }
        try {
            gateway.swap(p.gateway());
        } catch (IllegalArgumentException e) {
            node.abort().run();
            return rejected(p, List.of(p.place(e.getMessage())), warnings);
        }
        guard.use(p.engine());
        gateway.revalidate(); // open connections whose source the new plan no longer admits are closed now
        compiler.adopt(p);
        node.commit().run();
        Plan was = plan;
        plan = p;
        applied(change);
        if (assuranceChanged) {
            closeAssurance();
            probeKey = nextKey;
            assurance = assurance(p);
        }
        if (assurance != null) {
            assurance.reloaded();
        }
        ReloadOutcome outcome = reloads.applied(was, p);
        return new LoadResult(true, List.of(), warnings, outcome.changes());
    }

    /** Whether a request for the reserved probe path carries a token of the probe key in force. */
    private boolean isProbe(String api, InetAddress source, String token) {
        ProbeKey k = probeKey;
        return k != null && k.verify(api, source, token);
    }

    /** The probe key of {@code p}'s {@code assurance} section, read now; null without one. */
    private ProbeKey probeKey(Plan p) {
        return p.node().config().assurance().map(a -> ProbeKey.read(a.probeKey(), clock)).orElse(null);
    }

    /** The assurance runs of {@code p}'s {@code assurance} section, or null without one. */
    private Assurance assurance(Plan p) {
        return p.node().config().assurance().map(a -> new Assurance(a, probeKey, () -> plan, gateway::boundPorts,
                this::audit, this::alert, registry, clock)).orElse(null);
    }

    private void closeAssurance() {
        if (assurance != null) {
            assurance.close();
            assurance = null;
        }
    }

    /** The assurance runs, or null without an {@code assurance} section. */
    public Assurance assurance() {
        return assurance;
    }

    /** The plan in force stays; {@code attempted} (null when nothing compiled) is discarded. */
    private LoadResult rejected(Plan attempted, List<String> problems, List<String> warnings) {
        if (attempted != null) {
            compiler.discard(attempted);
        }
        ReloadOutcome outcome = reloads.rejected(plan, attempted, problems);
        return new LoadResult(false, problems, warnings, outcome.changes());
    }

    /** An approved change now in force: logged and audited. */
    private void applied(ChangeGate.Outcome change) {
        if (change instanceof ChangeGate.Approved approved) {
            log.info("change applied: {}", approved.summary());
            audit(changes.applied(approved, clock.instant()));
        }
    }

    private void audit(AuditRecord record) {
        NodeServices s = services;
        AuditLog audit = s == null ? null : s.audit();
        if (audit != null) {
            audit.append(record);
        }
    }

    private void alert(io.portcullis.alerts.Alert alert) {
        NodeServices s = services;
        Alerts to = s == null ? null : s.alerts();
        if (to != null) {
            to.raise(alert);
        }
    }

    private void closeCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The node's part in the cluster, empty without a {@code cluster} section. */
    public Optional<Cluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** What a watcher should watch: the configuration, and the change records of the plan in force. */
    public List<Path> watchPaths() {
        List<Path> out = new ArrayList<>(configPaths);
        out.addAll(shadowPaths);
        plan.node().changeControl().ifPresent(c -> out.add(c.changes()));
        return out;
    }

    /** The outcome of the last reload, or empty before the first. */
    public Optional<ReloadOutcome> lastReload() {
        return reloads.last();
    }

    private Compilation compile() {
        Compilation compiled = compiler.compile(configPaths);
        compiled.warnings().forEach(w -> log.warn("configuration: {}", w));
        return compiled;
    }

    /**
     * The addresses a blocking key covers now: {@code address:A} that address, {@code workload:ID} its addresses, {@code group:ACCOUNT/sg-id} the
     * addresses of every workload whose effective groups include it.
     */
    private Collection<InetAddress> addressesOf(String key) {
        PortcullisConfig c = plan.config();
        Snapshot snapshot = guard.engine().snapshot();
        List<InetAddress> out = new ArrayList<>();
        if (key.startsWith("address:")) {
            out.add(literal(key.substring("address:".length())));
        } else if (key.startsWith("workload:")) {
            String id = key.substring("workload:".length());
            c.workloads().stream().filter(w -> w.id().equals(id)).forEach(w -> w.addresses().forEach(a -> out.add(literal(a))));
        } else if (key.startsWith("group:") && !c.apis().isEmpty()) {
            String group = key.substring("group:".length());
            for (Api api : c.apis()) {
                ApiRef ref = snapshot.api(api.name()).orElseThrow();
                for (Workload w : c.workloads()) {
                    for (String a : w.addresses()) {
                        InetAddress address = literal(a);
                        if (!out.contains(address) && snapshot.resolve(ref, address, "").groups().contains(group)) {
                            out.add(address);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // canonical literals from the configuration: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public PortcullisConfig config() {
        return plan.config();
    }

    /** The plan in force. */
    public Plan plan() {
        return plan;
    }

    public AccessEngine engine() {
        return guard.engine();
    }

    /** The keys auto-block holds now ({@code address:A}, {@code workload:ID}, {@code group:G}); empty without it. */
    public java.util.Set<String> autoBlocked() {
        return services.autoBlocked();
    }

    public InMemoryBlocklist blocklist() {
        return blocklist;
    }

    /**
     * Why the node is not ready, as its admin listener's {@code /readyz} says (starting, stopped, the audit log not
     * taking records), or null when it is ready.
     */
    public String notReady() {
        NodeServices s = services;
        return s == null ? "starting" : s.notReady();
    }

    /**
     * The totals of the node's request meters since it started: {@code requests} finished and {@code refused}
     * (connections and requests the data plane refused, every reason).
     */
    public Map<String, Long> counters() {
        double requests = registry.find(GatewayMetrics.REQUESTS).counters().stream().mapToDouble(Counter::count).sum();
        double refused = registry.find(Rejections.METER).functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum();
        return Map.of("requests", (long) requests, "refused", (long) refused);
    }

    /** The directory of the node's audit log, or empty without an {@code audit} section. */
    public Optional<Path> auditDir() {
        return plan.node().config().audit().map(io.portcullis.config.node.AuditConfig::dir);
    }

    /** The admin listener's address, or null without {@code admin}. */
    public InetSocketAddress adminAddress() {
        return services.adminAddress();
    }

    /**
     * Serves the node's web console on its admin listener, for every path the admin endpoints do not take (a
     * {@code console} section without a listener of its own); kept across reloads that move the admin listener.
     *
     * @throws IllegalStateException when the node has no admin listener
     */
    public void serveOnAdmin(com.sun.net.httpserver.HttpHandler console) {
        services.mountOnAdmin(console);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public List<Path> configPaths() {
        return configPaths;
    }

    /** The bound address of each API (the real port when the configuration asked for 0). */
    public Map<String, InetSocketAddress> boundPorts() {
        return gateway.boundPorts();
    }

    @Override
    public synchronized void close() {
        serving = false;
        closeAssurance();
        if (gateway != null) {
            gateway.close();
        }
        closeCluster();
        compiler.close();
        if (shadow != null) {
            shadow.close();
            shadowCompiler.close();
        }
        if (services != null) {
            services.close();
        }
        if (processMeters != null) {
            processMeters.close();
        }
        registry.close();
    }

    /** Thrown by {@link #start()} with every reason the node cannot serve. */
    public static final class NodeStartException extends RuntimeException {
        private final List<String> problems;

        public NodeStartException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static final class Builder {
        private final List<Path> configPaths;
        private Clock clock = Clock.systemUTC();
        private List<Path> shadowPaths = List.of();
        private Supplier<LinkStatus> control = () -> null;
        private String nodeId;

        private Builder(List<Path> configPaths) {
            this.configPaths = new ArrayList<>(requireNonNull(configPaths, "configPaths"));
            if (configPaths.isEmpty()) {
                throw new IllegalArgumentException("configPaths: empty (expected: at least one file or directory)");
            }
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A candidate configuration (files or directories, merged) to run in shadow beside the live one: it decides
         * every connection and request after the live plan and is never enforced; empty: no shadow.
         */
        public Builder shadow(List<Path> candidate) {
            this.shadowPaths = List.copyOf(requireNonNull(candidate, "candidate"));
            return this;
        }

        /** The state of the node's link to a control plane, reported on {@code /readyz} and {@code /plan}. */
        public Builder control(Supplier<LinkStatus> control) {
            this.control = requireNonNull(control, "control");
            return this;
        }

        /** The node's name in the cluster, over {@code cluster.nodeId} (for nodes that share one configuration). */
        public Builder nodeId(String nodeId) {
            this.nodeId = requireNonNull(nodeId, "nodeId");
            return this;
        }

        public Node build() {
            return new Node(this);
        }
    }
}
