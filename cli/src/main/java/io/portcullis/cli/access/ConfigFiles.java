package io.portcullis.cli.access;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Problem;
import io.portcullis.config.ValidationReport;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loads configuration files for a command and prints every problem to stderr. */
public final class ConfigFiles {

    private ConfigFiles() {}

    /** The configuration, or empty after printing its errors. Warnings are left to {@code validate}. */
    public static Optional<PortcullisConfig> load(List<Path> paths, PrintWriter err) {
        ValidationReport report = ConfigLoader.create().load(paths);
        if (!report.valid()) {
            print(report, err);
        }
        return report.config();
    }

    public static void print(ValidationReport report, PrintWriter err) {
        print(report.errors(), report.warnings(), err);
    }

    /**
     * Compiles the plan exactly as {@code validate} does and prints every error and warning; the plan, or empty
     * after the errors and their count.
     */
    public static Optional<Plan> compile(PlanCompiler compiler, List<Path> paths, PrintWriter err) {
        return compile(compiler.compile(paths), err);
    }

    /** The plan compiled, or empty after printing the errors and a count; warnings are printed either way. */
    public static Optional<Plan> compile(Compilation compiled, PrintWriter err) {
        print(compiled.errors(), compiled.warnings(), err);
        if (compiled.plan().isEmpty()) {
            err.println(compiled.errors().size() + " error(s), " + compiled.warnings().size() + " warning(s)");
            err.flush();
        }
        return compiled.plan();
    }

    /** Every error, then every warning, one per line in the one problem format. */
    public static void print(List<Problem> errors, List<Problem> warnings, PrintWriter err) {
        errors.forEach(p -> err.println("error: " + p));
        warnings.forEach(p -> err.println("warning: " + p));
        err.flush();
    }
}
