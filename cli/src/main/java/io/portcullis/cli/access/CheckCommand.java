package io.portcullis.cli.access;

import io.portcullis.cli.ExitCodes;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.SourceSpec;
import io.portcullis.runtime.explain.ExplanationJson;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis check}: may this source reach this API, and why? Exit 0 allowed, 1 denied, 2 invalid. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Decide whether a source may reach an API at the network layer, and explain why.",
                "Exit codes: 0 allowed, 1 denied, 2 invalid input."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--from", required = true, paramLabel = "SOURCE",
            description = "workload:ID, ADDRESS@VPC (e.g. 10.10.1.10@vpc-trading), ADDRESS (a direct caller, resolved as the "
                    + "gateway resolves it: by VPC space, else a partner's range) or group:[ACCOUNT/]SG-ID")
    String from;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PortcullisConfig> cfg = ConfigFiles.load(target.config, err);
        if (cfg.isEmpty()) {
            return ExitCodes.INVALID;
        }
        Explanation e;
        try {
            e = new Explainer(AccessEngine.compile(cfg.get()).snapshot())
                    .check(SourceSpec.parse(from), target.to, target.protocol.number(), target.port, target.instant());
        } catch (IllegalArgumentException ex) {
            err.println("error: " + ex.getMessage());
            return ExitCodes.INVALID;
        }
        if (target.format == Format.JSON) {
            out.println(json(e));
        } else {
            text(e, out);
        }
        out.flush();
        return e.decision().allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    private void text(Explanation e, PrintWriter out) {
        ExplanationText.lines(e).forEach(out::println);
    }

    static String json(Explanation e) {
        return ExplanationJson.network(e).toString();
    }
}
