package io.portcullis.cli.shadow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis shadow}: the shadow mode's subcommands. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = "Shadow mode: a candidate configuration decided beside the live one (run --shadow CANDIDATE).",
        subcommands = {ShadowReportCommand.class})
public final class ShadowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
