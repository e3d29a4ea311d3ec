package io.portcullis.cli.change;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.change.Baselines;
import io.portcullis.runtime.change.RiskAssessment;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis diff OLD NEW}: the semantic difference between two configurations (files, directories or
 * {@code REV:PATH}), with the risk a node would compute for the change and the baselines in force (OLD's) evaluated
 * on NEW. Exit 0 no difference, 1 differences, 2 invalid input.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"The semantic difference in access between two configurations, for each API: who gains or "
                + "loses access (source, port, when, way in, principal, resource) with the rules and statements "
                + "responsible on both sides, resource-policy verdicts by request class, identity requirements and "
                + "limits; then the change's risk and the baselines in force evaluated on NEW. Reordering or "
                + "reformatting shows no difference.",
                "OLD and NEW: a file or directory, or REV:PATH (PATH at git revision REV, e.g. HEAD~1:config).",
                "Exit codes: 0 no difference, 1 differences, 2 invalid input."})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the configuration in force")
    String from;

    @Parameters(index = "1", paramLabel = "NEW", description = "the candidate configuration")
    String to;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json or markdown (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--at", paramLabel = "INSTANT", description = "evaluate from this instant on (ISO-8601; default: now)")
    String at;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("text", "json", "markdown").contains(format)) {
            err.println("error: --format: '" + format + "' (expected: text, json or markdown)");
            err.flush();
            return ExitCodes.INVALID;
        }
        Instant when;
        try {
            when = at == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Instant.parse(at);
        } catch (DateTimeParseException e) {
            err.println("error: --at: '" + at + "' (expected: an ISO-8601 instant such as 2026-12-07T12:00:00Z)");
            err.flush();
            return ExitCodes.INVALID;
        }
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Optional<Plan> before = ConfigArgument.compileArguments(compiler, List.of(from), err);
            Optional<Plan> after = before.isEmpty() ? Optional.empty() : ConfigArgument.compileArguments(compiler, List.of(to), err);
            if (after.isEmpty()) {
                return ExitCodes.INVALID;
            }
            PlanDiff diff = PlanDiff.of(before.get(), after.get(), when);
            RiskAssessment risk = RiskAssessment.of(before.get(), after.get(), diff);
            JsonNode baselines = before.get().config().node().changeControl()
                    .map(c -> Baselines.results(c.baselines(), after.get().config(), when)).orElse(null);
            DiffReport.Report report = new DiffReport.Report(before.get().digest().toString(), after.get().digest().toString(),
                    diff, risk, baselines);
            switch (format) {
                case "json" -> DiffReport.json(report, out);
                case "markdown" -> DiffReport.markdown(report, out);
                default -> DiffReport.text(report, out);
            }
            out.flush();
            return diff.isEmpty() ? ExitCodes.OK : ExitCodes.DENIED;
        }
    }
}
