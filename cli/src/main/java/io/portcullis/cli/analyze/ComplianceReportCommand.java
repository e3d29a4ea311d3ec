package io.portcullis.cli.analyze;

import io.portcullis.analysis.baseline.Baseline;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.compliance.Framework;
import io.portcullis.analysis.compliance.report.AuditEvidence;
import io.portcullis.analysis.compliance.report.ComplianceHtml;
import io.portcullis.analysis.compliance.report.ComplianceJson;
import io.portcullis.analysis.compliance.report.ComplianceReport;
import io.portcullis.analysis.compliance.report.ControlStatus;
import io.portcullis.analysis.findings.Analyzer;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.ImportSources;
import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis report compliance CONFIG --framework F [--audit DIR] --out DIR}: compiles the plan as
 * {@code validate} does, runs {@code analyze}'s rules, applies the baseline, verifies the audit log as
 * {@code audit verify} does, and writes {@code compliance-F.json} and {@code compliance-F.html}
 * ({@link ComplianceReport}).
 */
@Command(name = "compliance", mixinStandardHelpOptions = true,
        description = {"Write the status of every control of a compliance framework (pass, fail, accepted exception "
                + "with its expiry, not applicable) with its evidence: the findings, the audit log's verification and "
                + "the plan digest. HTML (printable) and JSON (docs/compliance-report.md).",
                "Exit codes: 0 no control fails and the audit log is intact, 1 a control fails or the log is not "
                        + "intact, 2 invalid input (configuration, framework, mapping, baseline, audit directory)."})
public final class ComplianceReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories of YAML files, merged (as validate)")
    List<Path> paths;

    @Option(names = "--framework", required = true, paramLabel = "FRAMEWORK",
            description = "cis-aws, pci-dss, hipaa, soc2, nist-800-53, or one of a --mapping file")
    String framework;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write compliance-FRAMEWORK.json and .html")
    Path out;

    @Option(names = "--audit", paramLabel = "DIR", description = "the audit log to verify and cite")
    Path audit;

    @Option(names = "--audit-key", paramLabel = "PUBLIC-KEY", description = "the checkpoint public key (PEM); "
            + "without it the copy in the audit directory is used")
    Path auditKey;

    @Option(names = "--mapping", paramLabel = "FILE", description = "a compliance mapping merged over the built-in one (repeatable)")
    List<Path> mappings = List.of();

    @Option(names = "--baseline", paramLabel = "FILE", description = "accepted findings: each an exception with its owner and expiry")
    Path baseline;

    @Option(names = "--at", paramLabel = "INSTANT", description = "report as at this instant (the generation time), e.g. 2026-12-07T00:00:00Z (default: now)")
    Instant at;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Instant now = at == null ? Instant.now() : at;
        try {
            ComplianceMapping mapping = ComplianceMapping.builtIn();
            for (Path m : mappings) {
                mapping = mapping.merge(m);
            }
            Framework fw = mapping.framework(framework);
            Baseline accepted = baseline == null ? Baseline.EMPTY : Baseline.read(baseline);
            Optional<AuditEvidence> evidence = audit == null ? Optional.empty() : Optional.of(verify());
            ComplianceReport report;
            try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(now, ZoneOffset.UTC))) {
                Optional<Plan> compiled = ConfigFiles.compile(compiler, paths, err);
                if (compiled.isEmpty()) {
                    return ExitCodes.INVALID;
                }
                Plan plan = compiled.get();
                compiler.discard(plan);
                List<Finding> findings = Analyzer.of(options.settings()).analyze(plan.config(), plan.sources(), ImportSources.of(paths), now);
                report = ComplianceReport.of(fw, mapping, accepted.apply(findings, LocalDate.ofInstant(now, ZoneOffset.UTC)),
                        plan.digest().toString(), evidence, now);
            }
            Files.createDirectories(out);
            Path json = out.resolve("compliance-" + fw.id() + ".json");
            Path html = out.resolve("compliance-" + fw.id() + ".html");
            Files.writeString(json, ComplianceJson.write(report), StandardCharsets.UTF_8);
            Files.writeString(html, ComplianceHtml.write(report), StandardCharsets.UTF_8);
            PrintWriter o = spec.commandLine().getOut();
            o.println(fw.name() + ": " + report.count(ControlStatus.PASS) + " pass, " + report.count(ControlStatus.FAIL)
                    + " fail, " + report.count(ControlStatus.ACCEPTED_EXCEPTION) + " accepted exception, "
                    + report.count(ControlStatus.NOT_APPLICABLE) + " not applicable; plan " + report.plan());
            evidence.ifPresent(a -> o.println("audit log " + a.dir() + ": " + a.summary()));
            o.println("wrote " + json + " and " + html);
            o.flush();
            return report.clean() ? ExitCodes.OK : ExitCodes.DENIED;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ExitCodes.INVALID;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }

    /** The audit log's verification, by the verifier {@code audit verify} runs. */
    private AuditEvidence verify() throws IOException {
        VerificationResult r = auditKey == null ? AuditVerifier.verify(audit) : AuditVerifier.verify(audit, AuditKeys.readPublicKey(auditKey));
        return AuditEvidence.of(audit.toString(), r);
    }
}
