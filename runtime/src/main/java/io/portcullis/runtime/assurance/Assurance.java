package io.portcullis.runtime.assurance;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.alerts.Alert;
import io.portcullis.alerts.RuleType;
import io.portcullis.audit.AuditRecord;
import io.portcullis.config.node.AssuranceConfig;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.engine.Explainer;
import io.portcullis.runtime.plan.Plan;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's continuous assurance ({@code assurance}): the isolation matrix of the plan in force, probed against
 * the node's own listeners every {@code every} and, with {@code afterReload}, after every reload. Each run is one
 * audit record of kind {@code assurance} (covered by the log's signed checkpoints) whose decision carries the
 * outcome and the failing cells with their rules; each unexpected admission raises an {@code assurance} alert
 * (logged, webhook) naming the cell and the rule; metrics give the last run's time and outcome.
 *
 * <p>Runs take turns on one daemon thread, off the request path; the probes are real connections to the
 * listeners, so they go through every stage a caller's request does.
 */
public final class Assurance implements AutoCloseable {

    /** The run's outcome in its audit record. */
    public static final Reason PASSED = new Reason(Layer.NETWORK, "assurance-passed");
    public static final Reason FAILED = new Reason(Layer.NETWORK, "assurance-failed");

    private static final Logger log = LoggerFactory.getLogger(Assurance.class);

    private final AssuranceConfig config;
    private final ProbeKey key;
    private final Supplier<Plan> plan;
    private final Supplier<Map<String, InetSocketAddress>> listeners;
    private final Consumer<AuditRecord> audit;
    private final Consumer<Alert> alerts;
    private final Clock clock;
    private final ScheduledExecutorService runner;
    private final AtomicLong lastRunSeconds = new AtomicLong();
    private final AtomicLong lastFailures = new AtomicLong(-1);
    private final AtomicLong lastCells = new AtomicLong();
    private final Counter runs;
    private volatile TruthTable last;

    /**
     * @param listeners where each API is served now (the node's bound addresses)
     * @param audit appends a record to the node's audit log (a no-op without one)
     * @param alerts raises an alert through the node's alerting (a no-op without it)
     */
    public Assurance(AssuranceConfig config, ProbeKey key, Supplier<Plan> plan,
                     Supplier<Map<String, InetSocketAddress>> listeners, Consumer<AuditRecord> audit,
                     Consumer<Alert> alerts, MeterRegistry registry, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.key = requireNonNull(key, "key");
        this.plan = requireNonNull(plan, "plan");
        this.listeners = requireNonNull(listeners, "listeners");
        this.audit = requireNonNull(audit, "audit");
        this.alerts = requireNonNull(alerts, "alerts");
        this.clock = requireNonNull(clock, "clock");
        this.runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portcullis-assurance");
            t.setDaemon(true);
            return t;
        });
        this.runs = Counter.builder("portcullis.assurance.runs").description("assurance runs").register(registry);
        Gauge.builder("portcullis.assurance.last.run.seconds", lastRunSeconds, AtomicLong::get)
                .description("when the last assurance run ended, epoch seconds (0: none yet)").register(registry);
        Gauge.builder("portcullis.assurance.last.run.failed.cells", lastFailures, AtomicLong::get)
                .description("failing cells of the last assurance run (-1: none yet; 0: it passed)").register(registry);
        Gauge.builder("portcullis.assurance.last.run.cells", lastCells, AtomicLong::get)
                .description("cells of the last assurance run").register(registry);
        config.every().ifPresent(every -> runner.scheduleWithFixedDelay(this::runQuietly, every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A reload was applied: with {@code afterReload}, the new plan is probed now (on the assurance thread). */
    public void reloaded() {
        if (config.afterReload()) {
            runner.execute(this::runQuietly);
        }
    }

    /** Runs the matrix now on the assurance thread and returns its table (tests, and the admin's run-now). */
    public TruthTable runNow() {
        try {
            return runner.submit(this::run).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("assurance run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last run's table, or null before the first. */
    public TruthTable last() {
        return last;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.error("assurance run failed", e);
        }
    }

    private TruthTable run() {
        Plan p = plan.get();
        IsolationMatrix matrix = IsolationMatrix.derive(p.config(), new Explainer(p.engine().snapshot()),
                config.tenantKey(), new HashSet<>(config.tenants()), clock.instant()).against(listeners.get());
        TruthTable table = TruthTable.run(matrix, new Prober(p.config(), key, Duration.ofSeconds(3))::play);
        last = table;
        runs.increment();
        lastCells.set(table.rows().size());
        lastFailures.set(table.failures().size());
        lastRunSeconds.set(clock.instant().getEpochSecond());
        String failing = table.failures().stream().map(Assurance::cell).collect(Collectors.joining("; "));
        Decision outcome = table.passed() ? Decision.allow(PASSED, "assurance", table.summary())
                : Decision.deny(FAILED, "assurance", table.summary() + ": " + failing);
        audit.accept(AuditRecord.builder(clock.instant(), AuditRecord.Kind.ASSURANCE, outcome)
                .plan(p.digest().toString()).build());
        for (TruthTable.Row r : table.unexpectedAdmissions()) {
            alerts.accept(new Alert("assurance", RuleType.ASSURANCE, r.cell().position().label() + " -> "
                    + r.cell().api().api(), 1, 1, Duration.ZERO, clock.instant(), "probe " + cell(r)));
        }
        if (table.passed()) {
            log.info("assurance run passed: {}", table.summary());
        } else {
            log.warn("assurance run FAILED: {}: {}", table.summary(), failing);
        }
        return table;
    }

    /** A cell for a person: who, which tenants, expected and observed, and the rule. */
    static String cell(TruthTable.Row r) {
        IsolationMatrix.Cell c = r.cell();
        return c.position().label() + " (tenant " + c.position().tenant() + ") -> API " + c.api().api() + " (tenant "
                + (c.api().tenant() == null ? "-" : c.api().tenant()) + "): expected " + r.expected() + ", observed "
                + r.observed() + ", " + r.verdict().text() + "; rule: " + c.rule();
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
