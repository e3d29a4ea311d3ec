package io.portcullis.cli.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.portcullis.cli.ExitCodes;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code portcullis who-can-reach}: every workload and CIDR admitted to an API, with the admitting rule. */
@Command(name = "who-can-reach", mixinStandardHelpOptions = true,
        description = {"List every workload and CIDR the network layer admits to an API, with the rule admitting each.",
                "Exit codes: 0 listed, 2 invalid input."})
public final class WhoCanReachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PortcullisConfig> cfg = ConfigFiles.load(target.config, err);
        if (cfg.isEmpty()) {
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
            reach.forEach(r -> out.printf("%-8s %-22s %s  %s%n", r.kind() + (r.now() ? "" : "*"), r.subject(), r.rule(),
                    r.detail()));
            if (reach.stream().anyMatch(r -> !r.now())) {
                out.println("* admitted only by a scheduled rule, outside its window at the time asked (--at)");
            }
            if (reach.isEmpty()) {
                out.println("nothing can reach " + target.to);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
