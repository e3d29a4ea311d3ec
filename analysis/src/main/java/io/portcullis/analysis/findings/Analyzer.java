package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SourceMap;
import io.portcullis.runtime.plan.Beside;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The findings of a compiled configuration: every check of the catalog ({@link Rules}) run over one estate whose
 * reachability facts all come from the engine. {@code analyze} compiles the plan exactly as {@code validate} does
 * and hands its configuration and source map here.
 *
 * <pre>
 * List&lt;Finding&gt; f = Analyzer.of(settings).analyze(plan.config(), plan.sources(), ImportSources.of(paths), now);
 * </pre>
 */
public final class Analyzer {

    /**
     * Every check, the costliest first (they start in this order on the pool): who can invoke the AWS APIs, the
     * range rules (most findings, placed in the groups' files), then the rest. Each rule belongs to one check.
     */
    private static final List<Check> CHECKS = List.of(new AwsApis(), new WideSources(), new UnusedGroups(),
            new RiskyPorts(), new UnknownPrefixLists(), new StaleReferences(), new RedundantRules(), new Expiries(), new CrossAccount(),
            new Boundaries(), new Quotas(), new SourceRestrictions());

    private final AnalysisSettings settings;
    private final List<Check> extra;

    private Analyzer(AnalysisSettings settings, List<Check> extra) {
        this.settings = requireNonNull(settings, "settings");
        this.extra = List.copyOf(extra);
    }

    public static Analyzer of(AnalysisSettings settings) {
        return new Analyzer(settings, List.of());
    }

    /**
     * Every finding, most severe first, then by rule, file, line and subject: the same input gives the same order.
     *
     * <p>The checks run side by side, one thread per processor: each writes its own list (they share only the
     * estate's indexes and memoised engine answers, which are thread-safe), and the lists are joined in the checks'
     * order before the sort, so the result does not depend on which finished first. Beside the engine's compile of
     * the probes, the first task records where the security groups were written (findings cite their rules, and
     * the positions are read from the text on first use).
     */
    public List<Finding> analyze(PortcullisConfig config, SourceMap sources, ImportSources imported, Instant now) {
        List<Check> checks = new ArrayList<>(CHECKS);
        checks.addAll(extra);
        // tasks start in the order given: the probes' compile before any check that waits for it, so one thread works
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "analysis");
            t.setDaemon(true);
            return t;
        });
        try {
            Estate estate = new Estate(config, sources, imported, settings, now, pool);
            pool.submit(estate.places::groups);
            List<Future<List<Finding>>> each = new ArrayList<>();
            for (Check c : checks) {
                each.add(pool.submit(() -> {
                    List<Finding> found = new ArrayList<>();
                    c.run(estate, found);
                    return found;
                }));
            }
            List<Finding> out = new ArrayList<>();
            each.forEach(f -> out.addAll(Beside.result(f)));
            out.sort(ORDER);
            return List.copyOf(out);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Severity, rule, file, line, column, resource key, subject. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(f -> f.resource().file())
            .thenComparingInt(f -> f.resource().line())
            .thenComparingInt(f -> f.resource().column())
            .thenComparing(f -> f.resource().key())
            .thenComparing(Finding::subject);
}
