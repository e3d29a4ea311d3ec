package io.portcullis.cli.change;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis tenant}: tenant onboarding ({@code add}). */
@Command(name = "tenant", mixinStandardHelpOptions = true, subcommands = TenantAddCommand.class,
        description = "Tenant onboarding: generate a tenant's groups, workloads and APIs from a template, as a proposal.")
public final class TenantCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
