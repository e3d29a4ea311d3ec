package io.portcullis.cli.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.portcullis.runtime.reach.AccessReport;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.WhoCanInvoke;
import io.portcullis.cli.ExitCodes;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.text.Printable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis who-can-reach}: every workload and CIDR admitted to a Portcullis API, with the admitting rule;
 * for an API Gateway API ({@code awsApis[]}, by id or name) who can invoke it through every layer AWS applies.
 */
@Command(name = "who-can-reach", mixinStandardHelpOptions = true,
        description = {"List every workload and CIDR the network layer admits to an API, with the rule admitting each.",
                "For an API Gateway API (awsApis, by id or name): every way in (execute-api endpoints, any endpoint outside "
                        + "the estate, the internet) with the callers its security groups admit and the principals and "
                        + "resources its endpoint policy and the API's resource policy allow, each with its deciding rule "
                        + "or statement (docs/who-can-invoke.md).",
                "Exit codes: 0 listed, 2 invalid input."})
public final class WhoCanReachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--workloads", description = "API Gateway APIs: list every workload of each caller class (default: a count)")
    boolean workloads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PortcullisConfig> cfg = ConfigFiles.load(target.config, err);
        if (cfg.isEmpty()) {
            return ExitCodes.INVALID;
        }
        PortcullisConfig config = cfg.get();
        if (config.apis().stream().noneMatch(a -> a.name().equals(target.to))) {
            if (config.awsApis().stream().anyMatch(a -> a.id().equals(target.to) || a.name().equals(target.to))) {
                return awsApi(config, out);
            }
            err.println("error: unknown API '" + target.to + "' (expected one of: " + java.util.stream.Stream.concat(
                    config.apis().stream().map(a -> a.name()), config.awsApis().stream().map(a -> a.id() + " (" + a.name() + ")"))
                    .sorted().collect(java.util.stream.Collectors.joining(", ")) + ")");
            return ExitCodes.INVALID;
        }
        List<Explainer.Reach> reach;
        try {
            reach = new Explainer(AccessEngine.compile(cfg.get()).snapshot())
                    .whoCanReach(target.to, target.protocol.number(), target.port, target.instant());
        } catch (IllegalArgumentException ex) {
            err.println("error: " + ex.getMessage());
            return ExitCodes.INVALID;
        }
        if (target.format == Format.JSON) {
            ArrayNode a = new ObjectMapper().createArrayNode();
            reach.forEach(r -> a.addObject().put("kind", r.kind()).put("subject", r.subject()).put("rule", r.rule())
                    .put("detail", r.detail()).put("now", r.now()));
            out.println(a);
        } else {
            // subjects, rule labels and details come from the configuration: one escaped line each
            reach.forEach(r -> out.println(Printable.line(String.format("%-8s %-22s %s  %s", r.kind() + (r.now() ? "" : "*"),
                    r.subject(), r.rule(), r.detail()))));
            if (reach.stream().anyMatch(r -> !r.now())) {
                out.println("* admitted only by a scheduled rule, outside its window at the time asked (--at)");
            }
            if (reach.isEmpty()) {
                out.println(Printable.line("nothing can reach " + target.to));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int awsApi(PortcullisConfig config, PrintWriter out) {
        WhoCanInvoke who = WhoCanInvoke.of(config, AccessEngine.compile(config).snapshot(), target.instant());
        ApiAccess api = who.api(target.to).orElseThrow();
        if (target.format == Format.JSON) {
            out.println(AccessReport.json(api, workloads));
        } else {
            out.print(AccessReport.text(api, workloads));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
