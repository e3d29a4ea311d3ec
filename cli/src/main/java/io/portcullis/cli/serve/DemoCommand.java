package io.portcullis.cli.serve;

import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.reload.ConfigWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis demo}: the gateway on the shipped demo configuration, a tour, then commands to try. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a guided tour: the gateway and a demo upstream on loopback, allowed and denied calls, and why.",
                "The shipped demo configuration has two tenants, nested groups, a cross-account reference, a "
                        + "scheduled and an expired rule. Clients bound to 127.0.x.y addresses play different "
                        + "workloads; after the tour the gateway keeps running and curl commands to try are printed.",
                "Needs Linux's loopback (all of 127.0.0.0/8 is local)."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "18443", paramLabel = "PORT",
            description = "port of the orders API; ledger and payments get the next two (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--console-port", defaultValue = "18480", paramLabel = "PORT",
            description = "port of the web console; the admin listener (/metrics) gets the next one (default: ${DEFAULT-VALUE})")
    int consolePort;

    @Option(names = "--dir", paramLabel = "DIR", description = "where to write the demo configuration (default: a new temporary directory)")
    Path dir;

    @Option(names = "--exit", description = "stop after the tour instead of serving until Ctrl-C")
    boolean exitAfterTour;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 1 || port > 65533) {
            err.println("error: --port " + port + " (expected: 1-65533; the ledger and payments APIs use the next two ports)");
            return ExitCodes.INVALID;
        }
        Path where = dir != null ? dir : Files.createTempDirectory("portcullis-demo-");
        try (DemoUpstream upstream = DemoUpstream.start()) {
            DemoConfig demo = DemoConfig.write(where, port, port + 1, port + 2, upstream.uri());
            Path config = demo.file();
            Path consoleConfig = demo.writeConsole(consolePort, consolePort + 1);
            Path traderToken = secret(where.resolve("trader-1.jwt"), demo.token("trader-1", Tour.groupsOf("trader-1")));
            Path operatorToken = secret(where.resolve("console-operator.jwt"), demo.consoleToken("demo-operator", "operator"));
            Serving.Served served = Serving.start(List.of(config, consoleConfig), err,
                    "(is another demo already running on ports " + port + "-" + (port + 2) + "? try --port)");
            if (served == null) {
                return ExitCodes.INVALID;
            }
            Node node = served.node();
            try (served; ConfigWatcher watcher = Serving.watch(node, List.of(config, consoleConfig))) {
                out.println("Portcullis demo: two tenants (acme-trading, globex-analytics) on loopback.");
                out.println("Configuration: " + config + "   upstream: " + upstream.uri());
                out.println("Console: " + served.console().uri() + "   sign in with the token in " + operatorToken
                        + " (an hour; role operator)");
                out.println("Each client below binds to its workload's 127.0.x.y address; the gateway decides from that.");
                out.println();
                Tour.run(node, demo, 7).forEach(out::println);
                out.println();
                if (exitAfterTour) {
                    out.flush();
                    return ExitCodes.OK;
                }
                tryIt(out, config, traderToken);
                Serving.untilStopped(served);
            }
        }
        return ExitCodes.OK;
    }

    private void tryIt(PrintWriter out, Path config, Path traderToken) {
        String orders = "http://127.0.0.1:" + port;
        String ledger = "http://127.0.0.1:" + (port + 1);
        String payments = "http://127.0.0.1:" + (port + 2);
        out.println("The gateway keeps running. Try it yourself (Ctrl-C stops):");
        out.println("  curl -i --interface 127.0.1.11 " + orders + "/orders/42      # trader-1: allowed (nested group)");
        out.println("  curl -i --interface 127.0.2.21 " + orders + "/orders/42      # reporting-1: allowed (cross-account)");
        out.println("  curl -i --interface 127.0.1.14 " + orders + "/orders/42      # legacy-1: closed (expired rule)");
        out.println("  curl -i --interface 127.0.1.66 " + orders + "/orders/42      # no workload: closed");
        out.println("  curl -i --interface 127.0.1.11 " + ledger + "/ledger/7       # trader-1 → other tenant: closed");
        out.println("  curl -i --interface 127.0.1.11 -X DELETE " + orders + "/orders/42   # 405: route allows GET, POST");
        out.println("  for i in $(seq 7); do curl -s -o /dev/null -w '%{http_code} ' --interface 127.0.1.12 " + orders + "/orders; done; echo");
        out.println("  curl -i --interface 127.0.1.11 -H \"Authorization: Bearer $(cat " + traderToken + ")\" " + payments
                + "/payments/7   # 200");
        out.println("  curl -i --interface 127.0.1.12 -H \"Authorization: Bearer $(cat " + traderToken + ")\" " + payments
                + "/payments/7   # stolen token: 403");
        out.println("  curl -i --interface 127.0.1.11 " + payments + "/payments/7   # no token: 401");
        out.println("And ask why without sending traffic:");
        out.println("  ./portcullis explain --config " + config + " --from workload:risk-1 --to payments --request 'GET /payments/7' --token "
                + traderToken);
        out.println("  ./portcullis check --config " + config + " --from workload:legacy-1 --to orders");
        out.println("  ./portcullis who-can-reach --config " + config + " --to orders");
        out.println("Edit " + config + " and save: the gateway reloads it (an invalid edit is rejected and logged).");
        out.flush();
    }

    /**
     * Writes a bearer token readable by its owner alone (a token in a world-readable file is anyone's on the host;
     * with {@code --dir} the folder may be shared), replacing any left by an earlier demo.
     */
    private static Path secret(Path file, String token) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return Files.writeString(file, token);
    }
}
