package io.portcullis.runtime.change;

import static java.util.Objects.requireNonNull;

import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether a node may load a plan: with {@code changeControl} in force, only through a change record that
 * leads from the digest served ({@code none} at the start) to exactly the candidate's, has not expired, states at
 * least the risk the node computes itself ({@link RiskAssessment}), and carries valid approvals from distinct
 * approvers of the plan in force (at the start: the candidate's), none of them its author, enough for that risk's
 * rule in count and roles. The approvers in force decide, never the candidate's: a candidate that adds its own
 * approver key cannot approve itself. Anything unknown refuses.
 *
 * <p>Each refusal says why, as {@code changeControl: ...} findings the node places at the section in its
 * configuration. Records are read from the directory of the plan in force, {@code *.json} in name order; the first
 * that applies wins.
 */
public final class ChangeGate {

    /** What the gate decided. */
    public sealed interface Outcome permits Ungated, Approved, Refused {}

    /** No change control applies: none in force, or the plan is unchanged. */
    public record Ungated() implements Outcome {}

    /** {@code file} approves the change: the record, its risk as the node assessed it, and the approvers that count. */
    public record Approved(Path file, ChangeRecord change, RiskAssessment risk, List<ChangeControl.Approver> approvers)
            implements Outcome {

        public Approved {
            approvers = List.copyOf(approvers);
        }

        /** One line for the log and the audit record: id, digests, risk, approvers. */
        public String summary() {
            return "change " + change.id() + " from " + change.from() + " to " + change.to() + ", risk "
                    + risk.level().id() + ", by " + change.author() + ", approved by "
                    + String.join(", ", approvers.stream().map(Object::toString).toList()) + " (" + file.getFileName() + ")";
        }
    }

    /** No record applies; each finding says why, as {@code changeControl: message}. */
    public record Refused(List<String> findings) implements Outcome {
        public Refused {
            findings = List.copyOf(findings);
        }
    }

    private ChangeGate() {}

    /**
     * Whether {@code candidate} may replace {@code served} (null at the node's start) at {@code now}.
     */
    public static Outcome check(Plan served, Plan candidate, Instant now) {
        requireNonNull(candidate, "candidate");
        Optional<ChangeControl> inForce = served == null ? candidate.node().changeControl() : served.node().changeControl();
        if (inForce.isEmpty() || (served != null && served.digest().equals(candidate.digest()))) {
            return new Ungated();
        }
        ChangeControl control = inForce.get();
        String from = served == null ? ChangeRecord.NONE : served.digest().toString();
        String to = candidate.digest().toString();
        // The node's own assessment, from the two compiled plans and their semantic diff; the record's is never trusted.
        RiskAssessment risk = RiskAssessment.of(served, candidate, PlanDiff.of(served, candidate, now));
        List<String> findings = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Path file : records(control.changes(), findings)) {
            ChangeFile record;
            try {
                record = ChangeFile.read(file);
            } catch (IOException | RuntimeException e) {
                findings.add("changeControl: " + file + ": not a change record: " + e.getMessage());
                continue;
            }
            ChangeRecord c = record.change();
            if (!c.from().equals(from) || !c.to().equals(to)) {
                others.add(file.getFileName() + " (" + abbreviated(c.from()) + " -> " + abbreviated(c.to()) + ")");
                continue;
            }
            List<ChangeControl.Approver> valid = new ArrayList<>();
            List<String> why = judge(record, control, risk, now, valid);
            if (why.isEmpty()) {
                return new Approved(file, c, risk, valid);
            }
            findings.add("changeControl: " + file + " (change " + c.id() + ", risk " + risk.level().id() + ") is not "
                    + "approved: " + String.join("; ", why));
        }
        if (findings.isEmpty()) {
            findings.add("changeControl: no change record in " + control.changes() + " leads from " + from + " to " + to
                    + (others.isEmpty() ? " (the directory holds none)" : " (it holds " + String.join(", ", others) + ")")
                    + " (expected: an approved record: portcullis propose --from ... --to ..., then portcullis approve)");
        }
        return new Refused(findings);
    }

    private static String abbreviated(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    /** The change records in {@code dir} ({@code *.json}, sorted by name); {@code findings} gets a listing failure. */
    public static List<Path> records(Path dir, List<String> findings) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            findings.add("changeControl.changes: cannot list '" + dir + "': " + e.getClass().getSimpleName()
                    + " (expected: a readable directory of change records)");
            return List.of();
        }
    }

    /**
     * Why {@code record} could not yet be applied under {@code control} on its own stated risk (empty when its
     * approvals suffice): the judgement a start or reload makes, for a reviewer (the console's Changes view). A
     * node judges again on the risk it computes itself when the candidate is loaded.
     */
    public static List<String> standing(ChangeFile record, ChangeControl control, Instant now) {
        return judge(record, control, record.change().risk(), now, new ArrayList<>());
    }

    /** Why {@code record} does not approve the change (empty when it does); fills {@code valid}. */
    static List<String> judge(ChangeFile record, ChangeControl control, RiskAssessment assessed, Instant now,
                              List<ChangeControl.Approver> valid) {
        ChangeRecord c = record.change();
        List<String> why = new ArrayList<>();
        if (!now.isBefore(c.expires())) {
            why.add("expired at " + c.expires() + " (now " + now + ")");
        }
        if (c.risk().level().compareTo(assessed.level()) < 0) {
            why.add("it states risk " + c.risk().level().id() + " but the change is " + assessed.level().id() + " ("
                    + String.join("; ", assessed.contributions().stream().map(x -> x.rule() + ": " + x.detail()).toList())
                    + ")");
        }
        RiskLevel level = c.risk().level().max(assessed.level());
        String digest = c.digest();
        for (Approval a : record.approvals()) {
            ChangeControl.Approver who = control.approvers().get(a.approver());
            String at = "approval by " + a.approver() + ": ";
            if (who == null) {
                why.add(at + "unknown approver (not among changeControl.approvers of the plan in force)");
            } else if (a.approver().equals(c.author())) {
                why.add(at + "self-approved (" + c.author() + " is the change's author)");
            } else if (!a.change().equals(digest)) {
                why.add(at + "signed for change record " + a.change() + ", not this one (" + digest + "): an approval "
                        + "copied from another change");
            } else if (!a.keyId().equals(who.keyId())) {
                why.add(at + "made with key " + a.keyId() + ", not " + who.id() + "'s declared key " + who.keyId());
            } else if (!ApprovalSignatures.verifies(a, digest, who.key())) {
                why.add(at + "forged: the signature does not verify with " + who.id() + "'s key " + who.keyId());
            } else {
                valid.add(who);
            }
        }
        ChangeRecord.Required rule = control.rule(level);
        String shortfall = shortfall(rule, valid);
        if (!shortfall.isEmpty()) {
            why.add("risk " + level.id() + " needs " + rule + "; valid: " + (valid.isEmpty() ? "none"
                    : String.join(", ", valid.stream().map(Object::toString).toList())) + ": " + shortfall);
        }
        if (!why.isEmpty()) {
            valid.clear();
        }
        return why;
    }

    /** What {@code valid} lacks to meet {@code rule}, or {@code ""}. */
    private static String shortfall(ChangeRecord.Required rule, List<ChangeControl.Approver> valid) {
        List<String> out = new ArrayList<>();
        if (valid.size() < rule.approvals()) {
            out.add((rule.approvals() - valid.size()) + " more approval" + (rule.approvals() - valid.size() == 1 ? "" : "s"));
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        rule.roles().forEach(r -> wanted.merge(r, 1, Integer::sum));
        Map<String, Integer> held = new HashMap<>();
        valid.forEach(a -> held.merge(a.role(), 1, Integer::sum));
        wanted.forEach((role, n) -> {
            int missing = n - held.getOrDefault(role, 0);
            if (missing > 0) {
                out.add(missing + " more " + role + " approver" + (missing == 1 ? "" : "s"));
            }
        });
        return String.join(", ", out);
    }
}
