package io.portcullis.cli;

import picocli.CommandLine;

/** Entry point of {@code ./portcullis}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Netty's sampling leak detector costs ~2% of a busy gateway's CPU; tests keep it on (they do not come here).
        // Set io.netty.leakDetection.level to turn it back on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        CommandLine cl = commandLine();
        cl.setOut(StandardOutput.of());
        System.exit(cl.execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PortcullisCommand());
        // Usage errors (unknown option, missing argument) are exit 2, like invalid input.
        cl.setExitCodeExceptionMapper(e -> ExitCodes.INVALID);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.INVALID;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
