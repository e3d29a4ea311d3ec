package io.portcullis.cli.serve;

import io.portcullis.cli.ControlAccess;
import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.cluster.ControlLink;
import io.portcullis.runtime.reload.ConfigWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis run --config CONFIG}: serves every API of the configuration until stopped; or, with
 * {@code --control URL}, serves the control plane's current plan and follows it (docs/cluster.md).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Serve every API of the configuration: network guard, TLS, limits and proxying.",
                "Reloads on SIGHUP and when a configuration file changes; an invalid new configuration is rejected "
                        + "with the reason logged and the one in force stays. Stops on SIGINT or SIGTERM.",
                "With --control URL the plan comes from the control plane: cached in --control-cache, followed by "
                        + "long poll and applied by the same reload; --config then names the node's own files "
                        + "(admin, audit, access log), merged after the plan.",
                "Exit codes: 0 stopped, 2 the configuration cannot be served (every reason on stderr)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", arity = "1..*", paramLabel = "CONFIG",
            description = "YAML files or directories of YAML files, merged (with --control: the node's own files)")
    List<Path> config = List.of();

    @Option(names = "--shadow", arity = "1..*", paramLabel = "CANDIDATE",
            description = "a candidate configuration (files or directories, merged) decided beside the live one on "
                    + "every connection and request, never enforced; differences on the admin listener's /shadow "
                    + "(portcullis shadow report) and in portcullis_shadow_* metrics")
    List<Path> shadow = List.of();

    @Option(names = "--no-watch", description = "do not reload when configuration files change (SIGHUP still reloads)")
    boolean noWatch;

    @Option(names = "--control", paramLabel = "URL",
            description = "the control plane (https://HOST:PORT) whose current plan this node serves")
    URI control;

    @Option(names = "--node-id", paramLabel = "ID", description = "this node's name at the control plane (with --control)")
    String nodeId;

    @Option(names = "--control-cache", paramLabel = "DIR",
            description = "where the node caches the control plane's plans, to start and serve from when the "
                    + "control plane is down (with --control)")
    Path cache;

    @Mixin
    ControlAccess access;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (control != null) {
            return followControl(out, err);
        }
        if (nodeId != null || cache != null) {
            return invalid(err, "--node-id and --control-cache go with --control URL (expected: --control too, or "
                    + "--config alone)");
        }
        if (config.isEmpty()) {
            return invalid(err, "Missing required option: '--config=CONFIG' (or --control URL with --node-id and "
                    + "--control-cache)");
        }
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

    private int followControl(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        if (nodeId == null || cache == null) {
            return invalid(err, "--control needs --node-id ID and --control-cache DIR (expected: this node's name "
                    + "at the control plane and a directory for its cached plans)");
        }
        if (!shadow.isEmpty()) {
            return invalid(err, "--shadow does not go with --control (expected: one or the other)");
        }
        ControlLink link;
        try {
            link = ControlLink.builder(control, nodeId, cache).credentials(access.credentials()).local(config).start();
        } catch (IllegalArgumentException e) {
            return invalid(err, e.getMessage());
        } catch (Node.NodeStartException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ExitCodes.INVALID;
        }
        Node node = link.node();
        Serving.Served served;
        try {
            served = Serving.withConsole(node);
        } catch (IllegalStateException e) {
            link.close();
            return invalid(err, node.plan().place(e.getMessage()));
        }
        if (served.console() != null && served.console().tls()) {
            link.console(served.console().advertised()); // the control plane's console relays to it
        }
        try (link; ConfigWatcher watcher = Serving.watch(node, noWatch ? List.of() : config)) {
            serving(served, out);
            Serving.untilStopped(() -> {
                if (served.console() != null) {
                    served.console().close();
                }
                link.close();
            });
        }
        return ExitCodes.OK;
    }

    private static int invalid(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCodes.INVALID;
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
