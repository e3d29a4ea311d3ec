package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SourceMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    private static final List<Check> CHECKS = List.of(new WideSources(), new RiskyPorts(), new StaleReferences(),
            new UnusedGroups(), new RedundantRules(), new Expiries(), new CrossAccount(), new Boundaries(), new Quotas(),
            new SourceRestrictions(), new AwsApis());

    private final AnalysisSettings settings;
    private final List<Check> extra;

    private Analyzer(AnalysisSettings settings, List<Check> extra) {
        this.settings = requireNonNull(settings, "settings");
        this.extra = List.copyOf(extra);
    }

    public static Analyzer of(AnalysisSettings settings) {
        return new Analyzer(settings, List.of());
    }

    /** Every finding, most severe first, then by rule, file, line and subject: the same input gives the same order. */
    public List<Finding> analyze(PortcullisConfig config, SourceMap sources, ImportSources imported, Instant now) {
        Estate estate = new Estate(config, sources, imported, settings, now);
        List<Finding> out = new ArrayList<>();
        for (Check c : CHECKS) {
            c.run(estate, out);
        }
        for (Check c : extra) {
            c.run(estate, out);
        }
        out.sort(ORDER);
        return List.copyOf(out);
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
