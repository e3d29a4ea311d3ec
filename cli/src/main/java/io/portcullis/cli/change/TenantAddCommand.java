package io.portcullis.cli.change;

import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.diff.TagValues;
import io.portcullis.runtime.diff.TenantCheck;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis tenant add}: copies the configuration, adds the tenant's fragment generated from the template
 * ({@link TenantTemplate}), checks on the semantic diff that the new tenant reaches each of its own APIs and nothing
 * else, and that no other API changes ({@link TenantCheck}), then writes the proposal as {@code propose} does.
 * Exit 0 written, 1 a check failed (the candidate is left for inspection, no change record is written), 2 invalid
 * input.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Onboard a tenant: write the candidate configuration (the configuration plus the template with "
                + "${tenant} and --set values substituted, as tenant-ID.yaml) and a change record from the "
                + "configuration to it, after checking on the diff that the tenant reaches its own APIs and nothing "
                + "of anyone else's.",
                "Exit codes: 0 written, 1 a check failed (no change record written), 2 invalid input."})
public final class TenantAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--template", required = true, paramLabel = "FILE", description = "the tenant template (YAML with ${tenant})")
    Path template;

    @Option(names = "--tenant", required = true, paramLabel = "ID", description = "the tenant's id (a-z, 0-9, -)")
    String tenant;

    @Option(names = "--config", required = true, paramLabel = "DIR", description = "the configuration directory in force")
    Path config;

    @Option(names = "--candidate", paramLabel = "DIR", description = "where to write the candidate configuration "
            + "(default: DIR-TENANT beside the configuration; must not exist)")
    Path candidate;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a template value (repeatable)")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "CHANGE", description = "the change record file to write")
    Path out;

    @Option(names = "--author", required = true, paramLabel = "ID", description = "who proposes it (cannot approve it)")
    String author;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (default: onboard tenant ID)")
    String reason;

    @Option(names = "--expires-in", defaultValue = "72h", paramLabel = "DURATION",
            description = "how long the change may be applied (default: ${DEFAULT-VALUE})")
    String expiresIn;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Duration validFor = ProposeCommand.duration(expiresIn);
        String problem = !TenantTemplate.TENANT.matcher(tenant).matches()
                ? "--tenant: '" + tenant + "' (expected: 1 to 32 of a-z, 0-9 and -, starting with a letter or digit)"
                : validFor == null ? "--expires-in: '" + expiresIn + "' (expected: a positive duration such as 24h, 7d or 90m)"
                : !Files.isDirectory(config) ? "--config: " + config + " is not a directory (expected: a configuration directory)"
                : !Files.isRegularFile(template) ? "--template: " + template + " is not a file" : null;
        for (var e : values.entrySet()) {
            if (problem == null && (e.getKey().equals("tenant") || !TenantTemplate.VALUE.matcher(e.getValue()).matches())) {
                problem = "--set " + e.getKey() + "=" + e.getValue() + ": " + (e.getKey().equals("tenant")
                        ? "tenant is --tenant" : "(expected: letters, digits and ._:/@+- only)");
            }
        }
        Path target = candidate != null ? candidate : config.toAbsolutePath().resolveSibling(config.getFileName() + "-" + tenant);
        Path fragment = target.resolve("tenant-" + tenant + ".yaml");
        if (problem == null && Files.exists(target)) {
            problem = "--candidate: " + target + " exists (expected: a new directory)";
        }
        if (problem == null && Files.exists(config.resolve(fragment.getFileName()))) {
            problem = config.resolve(fragment.getFileName()) + " exists: tenant " + tenant + " is already onboarded";
        }
        if (problem != null) {
            return fail(err, problem);
        }
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put("tenant", tenant);
        TenantTemplate.Result generated = TenantTemplate.apply(template.toString(),
                Files.readString(template, StandardCharsets.UTF_8), all);
        if (!generated.problems().isEmpty()) {
            generated.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ExitCodes.INVALID;
        }
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Optional<Plan> current = ConfigArgument.compile(compiler, List.of(config), err);
            if (current.isEmpty()) {
                return ExitCodes.INVALID;
            }
            if (known(current.get())) {
                return fail(err, config + ": tenant " + tenant + " is already onboarded (an API, workload or partner has tenant: "
                        + tenant + ")");
            }
            copy(config, target);
            Files.writeString(fragment, "# Generated by portcullis tenant add --tenant " + tenant + " from " + template + "\n"
                    + generated.text(), StandardCharsets.UTF_8);
            stdout.println("candidate configuration written to " + target + " (" + fragment.getFileName() + " added)");
            Optional<Plan> next = ConfigArgument.compile(compiler, List.of(target), err);
            if (next.isEmpty()) {
                err.println("the candidate in " + target + " does not compile; no change record written");
                err.flush();
                return ExitCodes.INVALID;
            }
            PlanDiff diff = PlanDiff.of(current.get(), next.get(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
            List<TenantCheck.Result> checks = TenantCheck.of(diff, current.get().config(), next.get().config(), tenant);
            checks.forEach(c -> stdout.println("check " + c.check() + ": " + (c.passed() ? "pass" : "FAIL") + " (" + c.detail() + ")"));
            if (checks.stream().anyMatch(c -> !c.passed())) {
                stdout.println("a check failed: no change record written (portcullis diff " + config + " " + target
                        + " shows the whole difference)");
                stdout.flush();
                return ExitCodes.DENIED;
            }
            return ProposeCommand.write(current, next.get(), new ProposeCommand.Proposal(author,
                    reason != null ? reason : "onboard tenant " + tenant, validFor, out), stdout, err);
        }
    }

    private boolean known(Plan plan) {
        TagValues tags = new TagValues(null, plan.config());
        return plan.config().apis().stream().anyMatch(a -> tenant.equals(tags.api("api", a.name()).get("tenant")))
                || plan.config().workloads().stream().anyMatch(w -> tenant.equals(tags.caller("workload", w.id(), w.account()).get("tenant")))
                || plan.config().partners().stream().anyMatch(p -> tenant.equals(tags.caller("partner", p.id(), p.account()).get("tenant")));
    }

    private static int fail(PrintWriter err, String problem) {
        err.println("error: " + problem);
        err.flush();
        return ExitCodes.INVALID;
    }

    /** The configuration directory's files, tree and all (relative references keep working from the copy). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
