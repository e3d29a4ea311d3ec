package io.portcullis.cli.audit;

import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.StandardOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every audit subcommand shares: its output streams, and unreadable or malformed input as exit 2. */
abstract class AuditSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (IOException | IllegalArgumentException e) {
            err.println("invalid input: " + e.getMessage());
            return ExitCodes.INVALID;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Where a command streams stored bytes (audit records): standard output's bytes unchanged, or, when the output
     * is another writer (a test's), those bytes decoded as the UTF-8 they are. Closing it flushes it.
     */
    static OutputStream bytes(PrintWriter out) {
        return out instanceof StandardOutput standard ? standard.bytes() : new WriterStream(out);
    }

    /** Does the work and returns the exit code; exceptions for invalid input become exit 2. */
    abstract int run(PrintWriter out, PrintWriter err) throws IOException;
}
