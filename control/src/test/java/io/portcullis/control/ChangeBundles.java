package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.runtime.change.Approval;
import io.portcullis.runtime.change.ApprovalSignatures;
import io.portcullis.runtime.change.ChangeFile;
import io.portcullis.runtime.change.ChangeRecord;
import io.portcullis.runtime.change.RiskAssessment;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bundles under change control for the control plane's tests: approvers alice (security) and bob (platform), records
 * in {@code changes/}, and change records signed as {@code portcullis propose} and {@code approve} would write them.
 */
final class ChangeBundles {

    final KeyPair alice = AuditKeys.generate();
    final KeyPair bob = AuditKeys.generate();
    private final Path dir;
    private int written;

    /** Writes the bundles it compiles below {@code dir}. */
    ChangeBundles(Path dir) {
        this.dir = dir;
    }

    /** {@code files} with a changeControl section: approvers alice (security) and bob (platform), records in changes/. */
    Map<String, String> controlled(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>(files);
        out.put("change-control.yaml", """
                changeControl:
                  changes: changes
                  approvers:
                    - {id: alice, role: security, publicKey: keys/alice.pub}
                    - {id: bob, role: platform, publicKey: keys/bob.pub}
                  require:
                    low: {approvals: 2, roles: [security]}
                    medium: {approvals: 2, roles: [security]}
                    high: {approvals: 2, roles: [security]}
                    critical: {approvals: 2, roles: [security]}
                """);
        out.put("keys/alice.pub", AuditKeys.publicKeyPem(alice.getPublic()));
        out.put("keys/bob.pub", AuditKeys.publicKeyPem(bob.getPublic()));
        out.put("changes/README.md", "change records\n");
        return out;
    }

    /**
     * The record of the change from {@code from} (null: from none) to {@code to}, written by {@code author}, its risk
     * assessed as propose assesses it; {@code toDigest} is checked against the compiled candidate.
     */
    ChangeRecord record(Map<String, String> from, Map<String, String> to, String author, String toDigest) throws Exception {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Plan served = from == null ? null : compile(compiler, from);
            Plan candidate = compile(compiler, to);
            assertThat(candidate.digest().toString()).isEqualTo(toDigest);
            Instant now = Instant.now();
            RiskAssessment risk = RiskAssessment.of(served, candidate, PlanDiff.of(served, candidate, now));
            return new ChangeRecord("chg-" + toDigest.substring(7, 19), served == null ? ChangeRecord.NONE : served.digest().toString(),
                    toDigest, author, "a change under test", now, now.plus(Duration.ofDays(1)), risk, Optional.empty(), null);
        }
    }

    /** The digest {@code files} compile to, as {@code portcullis validate} prints it. */
    String digest(Map<String, String> files) throws Exception {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            return compile(compiler, files).digest().toString();
        }
    }

    /** The record file approved by each of {@code approvers} ("alice", "bob"). */
    String approved(ChangeRecord r, String... approvers) {
        List<Approval> approvals = java.util.Arrays.stream(approvers)
                .map(a -> ApprovalSignatures.sign(r, a, a.equals("alice") ? alice : bob)).toList();
        return new ChangeFile(r, approvals).text();
    }

    private Plan compile(PlanCompiler compiler, Map<String, String> files) throws Exception {
        Path d = dir.resolve("bundle-" + (++written));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.createDirectories(d.resolve(f.getKey()).getParent());
            Files.writeString(d.resolve(f.getKey()), f.getValue());
        }
        return compiler.compile(List.of(d)).plan().orElseThrow();
    }
}
