package io.portcullis.cli.serve;

import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.reload.ConfigWatcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis run --config CONFIG}: serves every API of the configuration until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Serve every API of the configuration: network guard, TLS, limits and proxying.",
                "Reloads on SIGHUP and when a configuration file changes; an invalid new configuration is rejected "
                        + "with the reason logged and the one in force stays. Stops on SIGINT or SIGTERM.",
                "Exit codes: 0 stopped, 2 the configuration cannot be served (every reason on stderr)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "CONFIG",
            description = "YAML files or directories of YAML files, merged")
    List<Path> config;

    @Option(names = "--shadow", arity = "1..*", paramLabel = "CANDIDATE",
            description = "a candidate configuration (files or directories, merged) decided beside the live one on "
                    + "every connection and request, never enforced; differences on the admin listener's /shadow "
                    + "(portcullis shadow report) and in portcullis_shadow_* metrics")
    List<Path> shadow = List.of();

    @Option(names = "--no-watch", description = "do not reload when configuration files change (SIGHUP still reloads)")
    boolean noWatch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Serving.Served served = Serving.start(config, shadow, err, null);
        if (served == null) {
            return ExitCodes.INVALID;
        }
        Node node = served.node();
        node.shadowProblems().forEach(p -> err.println("shadow: candidate refused (the live plan serves): " + p));
        err.flush();
        try (served; ConfigWatcher watcher = Serving.watch(node, noWatch ? List.of() : node.watchPaths())) {
            serving(served, out);
            Serving.untilStopped(served);
        }
        return ExitCodes.OK;
    }

    static void serving(Serving.Served served, PrintWriter out) {
        Node node = served.node();
        if (served.console() != null) {
            out.println("console on " + served.console().uri());
        }
        node.boundPorts().forEach((api, address) -> out.printf("serving %s on %s%n", api,
                address.getAddress().getHostAddress() + ":" + address.getPort()));
        out.println("ready (pid " + ProcessHandle.current().pid() + "; SIGHUP or a file change reloads; Ctrl-C stops)");
        out.flush();
    }
}
