package io.portcullis.cli.analyze;

import io.portcullis.analysis.baseline.Baseline;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.compliance.Framework;
import io.portcullis.analysis.findings.AnalysisSettings;
import io.portcullis.analysis.findings.Analyzer;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.ImportSources;
import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.analysis.findings.Severity;
import io.portcullis.analysis.report.JsonReport;
import io.portcullis.analysis.report.Report;
import io.portcullis.analysis.report.TextReport;
import io.portcullis.analysis.sarif.SarifReport;
import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.runtime.plan.Beside;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis analyze CONFIG...}: compiles the configuration exactly as {@code validate} does (an invalid one
 * is refused with validate's errors, exit 2), runs every rule, applies the baseline and prints the findings.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Find misconfigurations in a configuration (or an imported AWS estate): wide sources, risky "
                + "ports, stale references, unused groups, redundant and expiring rules, cross-account access, tier "
                + "and tenant crossings, quotas, unrestricted APIs; each with its evidence, remediation and compliance "
                + "controls (docs/analyze.md).",
                "Exit codes: 0 no finding at or above --fail-on, 1 such a finding (not accepted by the baseline), "
                        + "2 invalid input (configuration, settings, mapping or baseline)."})
public final class AnalyzeCommand implements Callable<Integer> {

    public enum OutputFormat { TEXT, JSON, SARIF }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "CONFIG", description = "YAML files or directories of YAML files, merged (as validate)")
    List<Path> paths;

    @Option(names = "--aws", paramLabel = "DIR", description = "analyse the AWS CLI output in DIR (imported first, as 'import aws' does)")
    Path aws;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or sarif (SARIF 2.1.0)")
    OutputFormat format = OutputFormat.TEXT;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "exit 1 when a finding at or above this counts: "
            + "critical, high (default), medium, low, info")
    String failOn = "high";

    @Option(names = "--compliance", paramLabel = "FRAMEWORK", description = "only findings mapped to this framework, "
            + "with its controls: cis-aws, pci-dss, hipaa, soc2, nist-800-53, or one of a --mapping file")
    String compliance;

    @Option(names = "--mapping", paramLabel = "FILE", description = "a compliance mapping merged over the built-in one (repeatable)")
    List<Path> mappings = List.of();

    @Option(names = "--baseline", paramLabel = "FILE", description = "accepted findings (fingerprint, justification, owner, expires)")
    Path baseline;

    @Option(names = "--show-accepted", description = "also print the findings the baseline accepts")
    boolean showAccepted;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "write a baseline of the current findings to "
            + "start from (justification and owner left empty: it is refused until they are filled in)")
    Path writeBaseline;

    @Option(names = "--at", paramLabel = "INSTANT", description = "analyse as at this instant, e.g. 2026-11-23T10:00:00Z (default: now)")
    Instant at;

    @Option(names = "--docs-uri", paramLabel = "URI", description = "where docs/analyze.md is published (SARIF helpUri)")
    URI docs = URI.create("https://portcullis.invalid/docs/analyze.md");

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (aws != null && paths != null && !paths.isEmpty()) {
            err.println("error: --aws: given with CONFIG (expected: either configuration files or --aws DIR)");
            return ExitCodes.INVALID;
        }
        if (aws == null && (paths == null || paths.isEmpty())) {
            err.println("error: CONFIG: missing (expected: configuration files or directories, or --aws DIR)");
            return ExitCodes.INVALID;
        }
        if (aws == null) {
            return analyze(compiler -> compiler.compile(paths), () -> ImportSources.of(paths), f -> f);
        }
        Optional<AwsExport> export = AwsExport.imported(aws, err);
        if (export.isEmpty()) {
            return ExitCodes.INVALID;
        }
        AwsExport e = export.get();
        return analyze(compiler -> compiler.compileDocuments(e.documents()), e::sources, e::placed);
    }

    /**
     * Compiles ({@code compile}), analyses and prints; {@code imported} says where an import read each item, and
     * {@code place} places each finding (where an import put it). The import sources (a directory's
     * {@code import-sources.json}, 26 MB for a large estate) are read on a thread of their own while the plan
     * compiles; a problem with them is reported first, as when they were read before the compile.
     */
    private int analyze(Function<PlanCompiler, Compilation> compile, Supplier<ImportSources> imported,
                        UnaryOperator<Finding> place) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Instant now = at == null ? Instant.now() : at;
        try {
            Severity floor = Severity.parse(failOn);
            AnalysisSettings settings = options.settings();
            ComplianceMapping mapping = ComplianceMapping.builtIn();
            for (Path m : mappings) {
                mapping = mapping.merge(m);
            }
            Optional<Framework> framework = compliance == null ? Optional.empty() : Optional.of(mapping.framework(compliance));
            Baseline accepted = baseline == null ? Baseline.EMPTY : Baseline.read(baseline);
            Beside<ImportSources> reading = Beside.start("import-sources", imported::get);
            List<Finding> findings;
            try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(now, ZoneOffset.UTC))) {
                Compilation compilation;
                ImportSources sources;
                try {
                    compilation = compile.apply(compiler);
                } finally {
                    sources = reading.join(); // its problem first, whatever the compile did
                }
                Optional<Plan> compiled = ConfigFiles.compile(compilation, err);
                if (compiled.isEmpty()) {
                    return ExitCodes.INVALID;
                }
                Plan plan = compiled.get();
                compiler.discard(plan);
                findings = Analyzer.of(settings).analyze(plan.config(), plan.sources(), sources, now).stream().map(place).toList();
            }
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (writeBaseline != null) {
                Baseline.write(writeBaseline, findings, today.plusDays(90));
                err.println("wrote " + findings.size() + " entries to " + writeBaseline
                        + ": fill in each justification and owner before using it as --baseline");
            }
            Report report = new Report(accepted.apply(findings, today), mapping, framework, floor, showAccepted,
                    accepted.unmatched(findings));
            switch (format) {
                case TEXT -> TextReport.print(report, out);
                case JSON -> JsonReport.print(report, out);
                case SARIF -> SarifReport.print(report, version(), docs, out);
            }
            return report.exitCode() == 0 ? ExitCodes.OK : ExitCodes.DENIED;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ExitCodes.INVALID;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (IOException e) {
            err.println("error: --write-baseline: cannot write " + writeBaseline + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }

    private static String version() {
        String v = AnalyzeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
