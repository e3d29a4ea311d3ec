package io.portcullis.cli.review;

import io.portcullis.analysis.findings.InputTree;
import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.analysis.review.Choice;
import io.portcullis.analysis.review.MembershipReview;
import io.portcullis.analysis.review.ReviewSheet;
import io.portcullis.analysis.review.SheetFiles;
import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis review CONFIG --audit DIR [--unused 90d] --out FILE}: the membership review sheet
 * ({@link MembershipReview}); {@code review apply} turns a filled-in sheet into a configuration change.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"List every membership (workload in group, group included in group) with the APIs it grants and "
                + "when the audit log last shows it used; memberships unused for longer than --unused are proposed "
                + "for removal. Reviewers fill in keep or remove; 'review apply' makes the change (docs/review.md).",
                "Exit codes: 0 written, 2 invalid input."},
        subcommands = ReviewApplyCommand.class)
public final class ReviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "CONFIG", description = "YAML files or directories of YAML files, merged (as validate)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--audit", paramLabel = "DIR", description = "the audit log directory whose records show use")
    Path audit;

    @Option(names = "--unused", paramLabel = "DURATION", description = "propose removing memberships unused for longer than this (default: 90d)")
    String unused = "90d";

    @Option(names = "--out", paramLabel = "FILE", description = "the sheet to write: FILE.csv or FILE.json")
    Path out;

    @Option(names = "--at", paramLabel = "INSTANT", description = "review as at this instant, e.g. 2026-12-07T00:00:00Z (default: now)")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> missing = new ArrayList<>();
        if (paths.isEmpty()) {
            missing.add("CONFIG: missing (expected: the configuration files or directories to review)");
        }
        if (audit == null) {
            missing.add("--audit: missing (expected: the audit log directory)");
        }
        if (out == null) {
            missing.add("--out: missing (expected: the sheet to write, FILE.csv or FILE.json)");
        }
        List<String> why = new ArrayList<>();
        Duration threshold = InputTree.duration(unused, why::add);
        if (threshold == null) {
            missing.add("--unused: " + why.get(0));
        }
        if (!missing.isEmpty()) {
            missing.forEach(m -> err.println("error: " + m));
            err.flush();
            return ExitCodes.INVALID;
        }
        Instant now = at == null ? Instant.now() : at;
        try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(now, ZoneOffset.UTC))) {
            Optional<Plan> plan = ConfigFiles.compile(compiler, paths, err);
            if (plan.isEmpty()) {
                return ExitCodes.INVALID;
            }
            compiler.discard(plan.get());
            ReviewSheet sheet = MembershipReview.of(plan.get(), audit, threshold, now);
            SheetFiles.write(out, sheet);
            long remove = sheet.rows().stream().filter(r -> r.proposal() == Choice.REMOVE).count();
            spec.commandLine().getOut().println("wrote " + out + ": " + sheet.rows().size() + " memberships, " + remove
                    + " proposed for removal (unused for longer than " + unused + "; audit log from "
                    + sheet.auditFrom().map(Instant::toString).orElse("(empty)") + ")");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
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
}
