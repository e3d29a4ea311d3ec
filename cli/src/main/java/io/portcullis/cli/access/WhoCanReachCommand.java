package io.portcullis.cli.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.portcullis.cli.ExitCodes;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis who-can-reach}: every workload and CIDR admitted to an API, with the admitting rule. */
@Command(name = "who-can-reach", mixinStandardHelpOptions = true,
        description = {"List every workload and CIDR the network layer admits to an API, with the rule admitting each.",
                "Exit codes: 0 listed, 2 invalid input."})
public final class WhoCanReachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories")
    List<Path> config;

    @Option(names = "--to", required = true, paramLabel = "API", description = "API name")
    String to;

    @Option(names = "--port", description = "destination port (default: the API's listen port)")
    Integer port;

    @Option(names = "--protocol", defaultValue = "tcp", converter = ProtocolConverter.class, description = "default: ${DEFAULT-VALUE}")
    Protocol protocol;

    @Option(names = "--at", paramLabel = "INSTANT", description = "evaluate at this instant (default: now)")
    Instant at;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PortcullisConfig> cfg = ConfigFiles.load(config, err);
        if (cfg.isEmpty()) {
            return ExitCodes.INVALID;
        }
        List<Explainer.Reach> reach;
        try {
            reach = new Explainer(AccessEngine.compile(cfg.get()).snapshot())
                    .whoCanReach(to, protocol.number(), port, at == null ? Instant.now() : at);
        } catch (IllegalArgumentException ex) {
            err.println("error: " + ex.getMessage());
            return ExitCodes.INVALID;
        }
        if (format == Format.JSON) {
            ArrayNode a = new ObjectMapper().createArrayNode();
            reach.forEach(r -> a.addObject().put("kind", r.kind()).put("subject", r.subject()).put("rule", r.rule()).put("detail", r.detail()));
            out.println(a);
        } else {
            reach.forEach(r -> out.printf("%-8s %-22s %s  %s%n", r.kind(), r.subject(), r.rule(), r.detail()));
            if (reach.isEmpty()) {
                out.println("nothing can reach " + to);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
