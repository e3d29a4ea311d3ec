package io.portcullis.cli.change;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.change.Baselines;
import io.portcullis.runtime.change.ChangeControl;
import io.portcullis.runtime.change.ChangeFile;
import io.portcullis.runtime.change.ChangeRecord;
import io.portcullis.runtime.change.RiskAssessment;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis propose --from CURRENT --to CANDIDATE --reason TEXT --author ID --out CHANGE}: compiles both
 * plans as {@code run} does and writes a change record between their digests with its risk and the approvals the
 * rules in force require. Exit 0 written, 2 invalid input.
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
        description = {"Write a change record from the plan in force to a candidate: both plan digests, the risk "
                + "(each rule that applied), author, reason, expiry and the approvals required. Approvers then sign "
                + "it with 'portcullis approve'; a node with changeControl loads the candidate only through it.",
                "Exit codes: 0 written, 2 invalid input (every configuration problem is printed)."})
public final class ProposeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, arity = "1..*", paramLabel = "CURRENT",
            description = "the configuration served now (files, directories or REV:PATH), or 'none' before the first start")
    List<String> from;

    @Option(names = "--to", required = true, arity = "1..*", paramLabel = "CANDIDATE",
            description = "the configuration to serve next (files or directories)")
    List<Path> to;

    @Option(names = "--reason", required = true, description = "why the change is made")
    String reason;

    @Option(names = "--author", required = true, paramLabel = "ID", description = "who proposes it (cannot approve it)")
    String author;

    @Option(names = "--out", required = true, paramLabel = "CHANGE", description = "the change record file to write (*.json)")
    Path out;

    @Option(names = "--expires-in", defaultValue = "72h", paramLabel = "DURATION",
            description = "how long the change may be applied, e.g. 24h or 7d (default: ${DEFAULT-VALUE})")
    String expiresIn;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Duration validFor = duration(expiresIn);
        if (validFor == null) {
            err.println("error: --expires-in: '" + expiresIn + "' (expected: a positive duration such as 24h, 7d or 90m)");
            err.flush();
            return ExitCodes.INVALID;
        }
        boolean first = from.size() == 1 && from.get(0).equals(ChangeRecord.NONE);
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Optional<Plan> current = first ? Optional.empty() : ConfigArgument.compileArguments(compiler, from, err);
            Optional<Plan> candidate = ConfigArgument.compile(compiler, to, err);
            if ((!first && current.isEmpty()) || candidate.isEmpty()) {
                return ExitCodes.INVALID;
            }
            return write(current, candidate.get(), new Proposal(author, reason, validFor, out), stdout, err);
        }
    }

    /** Who proposes, why, for how long, and where the record goes. */
    public record Proposal(String author, String reason, Duration validFor, Path out) {}

    /**
     * Writes the change record from {@code current} (empty: none served yet) to {@code next}: the semantic diff, the
     * risk from it, the baselines in force evaluated on the candidate, the approvals the rules in force require;
     * prints its summary. Exit code as {@code propose}'s.
     */
    public static int write(Optional<Plan> current, Plan next, Proposal p, PrintWriter stdout, PrintWriter err)
            throws IOException {
        boolean first = current.isEmpty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PlanDiff diff = PlanDiff.of(current.orElse(null), next, now);
        RiskAssessment risk = RiskAssessment.of(current.orElse(null), next, diff);
        Plan inForce = first ? next : current.get();
        Optional<ChangeControl> rules = inForce.node().changeControl();
        // The baselines in force (the candidate's own at the first start) on the candidate: its own always hold,
        // since a plan that breaks them does not compile; the ones in force show what dropping one would allow.
        JsonNode baselines = inForce.config().node().changeControl()
                .map(c -> Baselines.results(c.baselines(), next.config(), now)).orElse(null);
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        ChangeRecord record;
        try {
            record = new ChangeRecord("chg-" + HexFormat.of().formatHex(random),
                    current.map(c -> c.digest().toString()).orElse(ChangeRecord.NONE), next.digest().toString(),
                    p.author(), p.reason(), now, now.plus(p.validFor()), risk, rules.map(c -> c.rule(risk.level())), baselines,
                    ChangeRecord.VERSION, diff.toJson());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        new ChangeFile(record, List.of()).write(p.out());
        stdout.println("change " + record.id() + " written to " + p.out());
        stdout.println("  from   " + record.from());
        stdout.println("  to     " + record.to());
        stdout.println("  diff   " + (diff.isEmpty() ? "no difference in access, policy, identity or limits"
                : diff.apis().size() + " API(s) differ: " + String.join(", ", diff.apis().stream()
                .map(a -> a.id() + " (" + a.gained().size() + " gained, " + a.lost().size() + " lost"
                        + (a.policy().isEmpty() ? "" : ", " + a.policy().size() + " policy class(es)")
                        + (a.identity().isEmpty() ? "" : ", identity") + (a.limits().isEmpty() ? "" : ", limits") + ")")
                .toList()) + " (portcullis diff shows them)"));
        stdout.println("  risk   " + risk.level().id());
        risk.contributions().forEach(c -> stdout.println("         " + c.level().id() + "  " + c.rule() + ": " + c.detail()));
        stdout.println("  needs  " + record.required().map(Object::toString)
                .orElse("no approvals: the plan in force has no changeControl"));
        if (baselines != null) {
            baselines.forEach(b -> {
                stdout.println("  baseline " + b.get("name").asText() + " (" + b.get("require").asText() + "): "
                        + (b.get("violations").isEmpty() ? "met" : b.get("violations").size() + " violation(s)"));
                b.get("violations").forEach(v -> stdout.println("         " + v.asText()));
            });
        }
        stdout.println("  expires " + record.expires());
        stdout.println("  digest " + record.digest() + " (what approvers sign)");
        if (current.isPresent() && current.get().digest().equals(next.digest())) {
            stdout.println("note: both configurations compile to the same plan; a node applies it without a change");
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** {@code 90m}, {@code 24h}, {@code 7d}; null when not a positive duration. */
    static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([mhd])").matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
