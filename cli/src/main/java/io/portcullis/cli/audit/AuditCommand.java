package io.portcullis.cli.audit;

import io.portcullis.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis audit}: the audit log's offline tools. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify the tamper-evident audit log, prove that a record is in it, search it, export it for "
                + "a SIEM, and create its signing key.",
        subcommands = {AuditVerifyCommand.class, AuditProveCommand.class, AuditVerifyProofCommand.class,
                AuditSearchCommand.class, AuditExportCommand.class, AuditKeygenCommand.class})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.INVALID;
    }
}
