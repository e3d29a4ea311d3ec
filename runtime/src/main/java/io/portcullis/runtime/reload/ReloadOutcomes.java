package io.portcullis.runtime.reload;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanChanges;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how each load of a node's configuration ended, for the three places an operator looks:
 *
 * <ul>
 *   <li>metrics: {@code portcullis_reloads_total{result="applied"|"rejected"}}, {@code portcullis_reload_last_applied}
 *       (1 or 0; 1 after the start), {@code portcullis_reload_last_problems}, {@code
 *       portcullis_reload_last_timestamp_seconds} (the start, then each reload), and {@code portcullis_plan_info
 *       {digest}} (the plan served, one series at a time);</li>
 *   <li>the log: one line per reload that says which plan replaced which and what changed (APIs, groups,
 *       workloads, node sections, ... by name, see {@link PlanChanges}), or which plan stays in force and why;</li>
 *   <li>the admin endpoints, through {@link #last()}.</li>
 * </ul>
 *
 * Called on the node's reload thread (one load at a time); read from any thread.
 */
public final class ReloadOutcomes {

    private static final Logger log = LoggerFactory.getLogger(ReloadOutcomes.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter applied;
    private final Counter rejected;
    private volatile ReloadOutcome last;
    private volatile long lastMillis;
    private Meter planInfo;

    /** Meters in {@code registry}; times from {@code clock}. */
    public ReloadOutcomes(MeterRegistry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
        this.applied = counter("applied");
        this.rejected = counter("rejected");
        Gauge.builder("portcullis.reload.last.applied", this, r -> r.last == null || r.last.applied() ? 1 : 0)
                .description("1 when the last reload was applied (or none happened since the start), 0 when it was "
                        + "rejected and the previous plan stays in force").register(registry);
        Gauge.builder("portcullis.reload.last.problems", this, r -> r.last == null ? 0 : r.last.problems().size())
                .description("problems that rejected the last reload").register(registry);
        Gauge.builder("portcullis.reload.last.timestamp", this, r -> r.lastMillis / 1000.0).baseUnit("seconds")
                .description("when the configuration was last loaded (the start, then each reload)").register(registry);
    }

    /** The node started serving {@code plan}. */
    public void started(Plan plan) {
        lastMillis = clock.millis();
        planInfo(plan);
    }

    /** {@code now} replaced {@code was}: counted, logged with what changed. */
    public ReloadOutcome applied(Plan was, Plan now) {
        PlanChanges changes = PlanChanges.between(was, now);
        ReloadOutcome outcome = new ReloadOutcome(clock.instant(), true, now.digest().toString(),
                now.digest().toString(), List.of(), changes);
        planInfo(now);
        if (was.digest().equals(now.digest())) {
            log.info("reload applied: plan {} unchanged", now.digest());
        } else {
            log.info("reload applied: plan {} replaces {}; {}", now.digest(), was.digest(), changes);
        }
        return record(outcome, applied);
    }

    /**
     * The configuration was rejected and {@code inForce} keeps serving: counted, each problem logged, and what the
     * rejected plan would have changed when it compiled ({@code attempted}, else null).
     */
    public ReloadOutcome rejected(Plan inForce, Plan attempted, List<String> problems) {
        PlanChanges changes = attempted == null ? new PlanChanges(List.of()) : PlanChanges.between(inForce, attempted);
        ReloadOutcome outcome = new ReloadOutcome(clock.instant(), false, inForce.digest().toString(),
                attempted == null ? "" : attempted.digest().toString(), problems, changes);
        problems.forEach(problem -> log.error("reload rejected, previous configuration stays in force: {}", problem));
        log.error("reload rejected ({} problem{}): plan {} stays in force{}", problems.size(),
                problems.size() == 1 ? "" : "s", inForce.digest(),
                attempted == null ? "" : "; plan " + attempted.digest() + " would have changed: " + changes);
        return record(outcome, rejected);
    }

    /** The outcome of the last reload, or empty before the first. */
    public Optional<ReloadOutcome> last() {
        return Optional.ofNullable(last);
    }

    private ReloadOutcome record(ReloadOutcome outcome, Counter counter) {
        counter.increment();
        lastMillis = outcome.time().toEpochMilli();
        last = outcome;
        return outcome;
    }

    /** {@code portcullis_plan_info{digest="sha256:..."} 1}: the plan this node serves, one series at a time. */
    private void planInfo(Plan p) {
        if (planInfo != null) {
            registry.remove(planInfo);
        }
        planInfo = Gauge.builder("portcullis.plan.info", () -> 1)
                .description("the plan this node serves, by digest").tag("digest", p.digest().toString())
                .register(registry);
    }

    private Counter counter(String result) {
        return Counter.builder("portcullis.reloads").description("configuration reloads by result")
                .tag("result", result).register(registry);
    }
}
