package io.portcullis.cli.analyze;

import io.portcullis.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis report}: status reports generated from what is enforced. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Status reports generated from the compiled plan: 'report compliance' (docs/compliance-report.md).",
        subcommands = ComplianceReportCommand.class)
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.INVALID;
    }
}
