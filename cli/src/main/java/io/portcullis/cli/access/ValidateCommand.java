package io.portcullis.cli.access;

import io.portcullis.cli.ExitCodes;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.ValidationReport;
import io.portcullis.runtime.auth.AuthChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis validate CONFIG...}: every error and warning at once; exit 0 valid, 2 invalid. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate configuration files or directories (merged). Prints every error and warning.",
                "Exit codes: 0 valid (warnings may be printed), 2 invalid."})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories of YAML files, merged")
    List<Path> paths;

    @Override
    public Integer call() {
        ValidationReport report = ConfigLoader.create().load(paths);
        ConfigFiles.print(report, spec.commandLine().getErr());
        if (!report.valid()) {
            spec.commandLine().getErr().println(report.errors().size() + " error(s), " + report.warnings().size() + " warning(s)");
            return ExitCodes.INVALID;
        }
        var c = report.config().orElseThrow();
        AuthChecks.Findings auth = AuthChecks.check(c);
        var err = spec.commandLine().getErr();
        auth.errors().forEach(e -> err.println("error: " + e));
        auth.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        int warnings = report.warnings().size() + auth.warnings().size();
        if (!auth.errors().isEmpty()) {
            err.println(auth.errors().size() + " error(s), " + warnings + " warning(s)");
            return ExitCodes.INVALID;
        }
        spec.commandLine().getOut().printf("valid: %d accounts, %d VPCs, %d security groups, %d workloads, %d APIs; %d warning(s)%n",
                c.accounts().size(), c.vpcs().size(), c.securityGroups().size(), c.workloads().size(), c.apis().size(),
                warnings);
        return ExitCodes.OK;
    }
}
