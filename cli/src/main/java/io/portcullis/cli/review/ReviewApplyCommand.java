package io.portcullis.cli.review;

import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.analysis.review.LostAccess;
import io.portcullis.analysis.review.Membership;
import io.portcullis.analysis.review.ReviewApply;
import io.portcullis.analysis.review.SheetFiles;
import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis review apply FILE --config DIR --out DIR}: the removals of a filled-in sheet as a new
 * configuration directory, and every (workload, API) pair of access that disappears ({@link ReviewApply}).
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Write a copy of the configuration without the memberships the sheet decides to remove (the rest "
                + "of each YAML file unchanged) and print exactly what access disappears (who-can-reach on the old and "
                + "new plans).", "Exit codes: 0 written, 2 invalid input (a row that no longer matches the "
                + "configuration, an edit that cannot be made)."})
public final class ReviewApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the filled-in sheet (.csv or .json)")
    Path sheet;

    @Option(names = "--config", required = true, paramLabel = "DIR", description = "the configuration directory reviewed")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the new configuration directory (must not exist, or be empty)")
    Path out;

    @Option(names = "--at", paramLabel = "INSTANT", description = "compare access as at this instant (default: now)")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SheetFiles.Read read = SheetFiles.read(sheet);
            ReviewApply.Outcome r = ReviewApply.apply(read.rows(), read.where(), config, out, at == null ? Instant.now() : at);
            o.println("wrote " + out + ": " + r.removed().size() + " memberships removed"
                    + (r.files().isEmpty() ? "" : ", in " + String.join(", ", r.files())));
            o.println("plan " + r.before() + " -> " + r.after());
            for (Membership m : r.removed()) {
                o.println("removed: " + m);
            }
            o.println(r.lost().isEmpty() ? "access that disappears: none" : "access that disappears (" + r.lost().size() + "):");
            for (LostAccess.Access a : r.lost()) {
                o.println("  " + a);
            }
            for (LostAccess.Access a : r.gained()) {
                o.println("access that appears: " + a);
            }
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return ExitCodes.INVALID;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        } finally {
            o.flush();
            err.flush();
        }
    }
}
