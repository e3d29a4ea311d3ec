package io.portcullis.cli.policy;

import io.portcullis.cli.ExitCodes;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyError;
import io.portcullis.policy.PolicyParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis policy validate FILE...}: exit 0 when every file is valid, 2 otherwise (errors on stderr). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check policy documents: JSON syntax and IAM semantics, with line, column and JSON pointer.",
                "Exit codes: 0 valid, 2 invalid."})
public final class PolicyValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy JSON files")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean ok = true;
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(f + ": cannot read (" + e.getClass().getSimpleName() + ")");
                ok = false;
                continue;
            }
            ParseResult r = PolicyParser.parse(text);
            if (r instanceof ParseResult.Invalid bad) {
                ok = false;
                for (PolicyError e : bad.errors()) {
                    err.println(f + ":" + e);
                }
            } else {
                out.println(f + ": valid");
            }
        }
        out.flush();
        err.flush();
        return ok ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
