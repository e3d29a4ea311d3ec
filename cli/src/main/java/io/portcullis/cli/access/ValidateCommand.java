package io.portcullis.cli.access;

import io.portcullis.cli.ExitCodes;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis validate CONFIG...}: compiles the plan exactly as {@code run} does, without serving, and
 * prints every error and warning at once; exit 0 valid, 2 invalid.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Compile configuration files or directories (merged) exactly as 'run' does, without serving: "
                + "key, certificate and policy files are read, listeners checked. Prints every error and warning "
                + "as FILE:LINE:COLUMN: PATH: message.",
                "Exit codes: 0 valid (warnings may be printed), 2 invalid."})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories of YAML files, merged")
    List<Path> paths;

    @Option(names = "--canonical", description = "print the canonical form the plan digest is the SHA-256 of "
            + "(one line of JSON: referenced files appear only as hashes), instead of the summary")
    boolean canonical;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Optional<Plan> compiled = ConfigFiles.compile(compiler, paths, err);
            if (compiled.isEmpty()) {
                return ExitCodes.INVALID;
            }
            Plan plan = compiled.get();
            compiler.discard(plan);
            PrintWriter out = spec.commandLine().getOut();
            if (canonical) {
                out.print(plan.digest().canonicalJson()); // no newline: piped into sha256sum it gives the digest
                out.flush();
                return ExitCodes.OK;
            }
            PortcullisConfig c = plan.config();
            String estate = c.awsApis().isEmpty() ? "" : ", " + c.awsApis().size() + " AWS APIs";
            out.printf("valid: %d accounts, %d VPCs, %d security groups, %d workloads, %d APIs%s; %d warning(s)%n",
                    c.accounts().size(), c.vpcs().size(), c.securityGroups().size(), c.workloads().size(),
                    c.apis().size(), estate, plan.warnings().size());
            out.println("plan " + plan.digest());
            return ExitCodes.OK;
        }
    }
}
