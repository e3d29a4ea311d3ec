package io.portcullis.cli.assurance;

import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.config.node.AssuranceConfig;
import io.portcullis.engine.Explainer;
import io.portcullis.runtime.assurance.IsolationMatrix;
import io.portcullis.runtime.assurance.ProbeKey;
import io.portcullis.runtime.assurance.Prober;
import io.portcullis.runtime.assurance.TruthTable;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis probe}: derives the isolation matrix from the configuration and plays every cell against the
 * running gateway with real connections, then prints the truth table. Exit 0 when every played cell agrees with
 * the plan and no caller crossed into another tenant's API, 1 otherwise, 2 for invalid input.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Play every tenant position against every API of a running gateway and print expected against "
                + "observed, with the rule that should decide each cell.",
                "Exit codes: 0 the matrix holds, 1 a cross-tenant success or a cell that differs, 2 invalid input."})
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories")
    List<Path> config;

    @Option(names = "--tenants", split = ",", paramLabel = "TENANT",
            description = "only these tenants' positions (default: the assurance section's, else every tenant)")
    List<String> tenants = List.of();

    @Option(names = "--against", split = ",", paramLabel = "[API=]HOST:PORT",
            description = "where the gateway serves each API: API=HOST:PORT, or HOST:PORT in the order the APIs are "
                    + "declared (default: each API's listen address)")
    List<String> against = List.of();

    @Option(names = "--tenant-key", paramLabel = "KEY", description = "the tag whose values are tenants (default: the "
            + "assurance section's tenantKey, else tenant)")
    String tenantKey;

    @Option(names = "--probe-key", paramLabel = "FILE", description = "the node's probe key (default: assurance.probeKey)")
    Path probeKey;

    @Option(names = "--timeout", defaultValue = "PT3S", paramLabel = "DURATION",
            description = "how long one probe waits, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Optional<Plan> plan = ConfigFiles.compile(compiler, config, err);
            if (plan.isEmpty()) {
                return ExitCodes.INVALID;
            }
            Plan p = plan.get();
            Optional<AssuranceConfig> section = p.node().config().assurance();
            Path keyFile = probeKey != null ? probeKey : section.map(AssuranceConfig::probeKey).orElse(null);
            if (keyFile == null) {
                err.println("error: no probe key (expected: --probe-key FILE, or an assurance section with probeKey)");
                return ExitCodes.INVALID;
            }
            String key = tenantKey != null ? tenantKey : section.map(AssuranceConfig::tenantKey).orElse("tenant");
            List<String> only = !tenants.isEmpty() ? tenants : section.map(AssuranceConfig::tenants).orElse(List.of());
            IsolationMatrix matrix = IsolationMatrix.derive(p.config(), new Explainer(p.engine().snapshot()), key,
                    new HashSet<>(only), Clock.systemUTC().instant()).against(targets(p));
            if (matrix.cells().isEmpty()) {
                err.println("error: no tenant position (expected: workloads, groups or VPC endpoints with a '" + key
                        + "' tag or label, or on their account)");
                return ExitCodes.INVALID;
            }
            TruthTable table = TruthTable.run(matrix, new Prober(p.config(), ProbeKey.read(keyFile, Clock.systemUTC()),
                    timeout)::play);
            out.print(table.render());
            out.flush();
            return table.passed() ? ExitCodes.OK : ExitCodes.DENIED;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }

    /** {@code --against} by API name. */
    private Map<String, InetSocketAddress> targets(Plan p) {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        for (int i = 0; i < against.size(); i++) {
            String entry = against.get(i);
            int eq = entry.indexOf('=');
            String api;
            if (eq > 0) {
                api = entry.substring(0, eq);
            } else if (i < p.config().apis().size()) {
                api = p.config().apis().get(i).name();
            } else {
                throw new IllegalArgumentException("--against: " + (i + 1) + " addresses for " + p.config().apis().size()
                        + " APIs (expected: one HOST:PORT per API in declared order, or API=HOST:PORT)");
            }
            String hostPort = entry.substring(eq + 1);
            int colon = hostPort.lastIndexOf(':');
            int port;
            try {
                port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--against: '" + entry + "' (expected: HOST:PORT or API=HOST:PORT, port 1..65535)");
            }
            if (p.config().apis().stream().noneMatch(a -> a.name().equals(api))) {
                throw new IllegalArgumentException("--against: unknown API '" + api + "' (expected one of: "
                        + p.config().apis().stream().map(a -> a.name()).toList() + ")");
            }
            out.put(api, InetSocketAddress.createUnresolved(hostPort.substring(0, colon).replaceAll("^\\[|]$", ""), port));
        }
        return out;
    }
}
