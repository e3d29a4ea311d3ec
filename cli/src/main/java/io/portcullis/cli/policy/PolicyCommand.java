package io.portcullis.cli.policy;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis policy}: validate IAM resource policies and simulate their decisions. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Validate AWS-IAM-compatible resource policies and evaluate requests against them.",
        subcommands = {PolicyValidateCommand.class, PolicyEvalCommand.class})
public final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return io.portcullis.cli.ExitCodes.INVALID;
    }
}
