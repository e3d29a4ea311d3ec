package io.portcullis.cli;

import picocli.CommandLine.Command;

/** The root command. Every subcommand is listed here, one per line. */
@Command(name = "portcullis",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A private API gateway: admits a request only when network, identity, policy and traffic agree.",
        subcommands = {
                picocli.CommandLine.HelpCommand.class,
                io.portcullis.cli.audit.AuditCommand.class,
                io.portcullis.cli.policy.PolicyCommand.class,
                io.portcullis.cli.access.ValidateCommand.class,
                io.portcullis.cli.access.CheckCommand.class,
                io.portcullis.cli.access.WhoCanReachCommand.class,
                io.portcullis.cli.access.ExplainCommand.class,
                io.portcullis.cli.estate.ImportCommand.class,
                io.portcullis.cli.change.ProposeCommand.class,
                io.portcullis.cli.change.ApproveCommand.class,
                io.portcullis.cli.change.DiffCommand.class,
                io.portcullis.cli.change.TenantCommand.class,
                io.portcullis.cli.analyze.AnalyzeCommand.class,
                io.portcullis.cli.review.ReviewCommand.class,
                io.portcullis.cli.analyze.ReportCommand.class,
                io.portcullis.cli.docs.DocsCommand.class,
                io.portcullis.cli.serve.RunCommand.class,
                io.portcullis.cli.serve.DemoCommand.class,
                io.portcullis.cli.shadow.ShadowCommand.class,
                io.portcullis.cli.assurance.ProbeCommand.class,
                io.portcullis.cli.control.ControlCommand.class,
        })
public final class PortcullisCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
