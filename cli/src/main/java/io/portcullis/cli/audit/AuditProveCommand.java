package io.portcullis.cli.audit;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditProver;
import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis audit prove DIR --record N}: prints the inclusion proof of record N as JSON. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Print the inclusion proof of one record against the latest signed checkpoint, as JSON that "
                + "'portcullis audit verify-proof' checks offline.",
                "Exit codes: 0 printed, 2 invalid input (no such record, or no checkpoint covers it yet)."})
public final class AuditProveCommand extends AuditSubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "the audit log directory")
    Path dir;

    @Option(names = "--record", required = true, paramLabel = "N", description = "the record's index (from 0)")
    long record;

    @Option(names = "--key", paramLabel = "PUBLIC-KEY", description = "only use checkpoints signed by this key "
            + "(default: the key stored in DIR)")
    Path key;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
        String json = (key == null ? AuditProver.prove(dir, record)
                : AuditProver.prove(dir, record, AuditKeys.readPublicKey(key))).toJson();
        out.println(json);
        return ExitCodes.OK;
    }
}
