package io.portcullis.cli.estate;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis import}: write a configuration from an estate's own description. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a Portcullis configuration from what an estate already describes (see docs/import.md).",
        subcommands = {ImportAwsCommand.class})
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return io.portcullis.cli.ExitCodes.INVALID;
    }
}
