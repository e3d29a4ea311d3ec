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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion under change control refuses what a node applying the change would refuse (runtime.change.ChangeGate on
 * the plan in force and the candidate): no record, too few approvals; and lets an approved change through. Approvals
 * given after a plan was submitted are added by submitting it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeControlTest {

    private final KeyPair alice = AuditKeys.generate();
    private final KeyPair bob = AuditKeys.generate();
    private Path dir;
    private ControlFixture control;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        control = ControlFixture.onNewDatabase(dir, "control_change");
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void promotesOnlyThroughAnApprovedChangeFromTheCurrentPlan() throws Exception {
        Map<String, String> plain = Bundles.example("trading");
        Map<String, String> controlled = controlled(plain);
        Map<String, String> next = controlled(ControlApiTest.edited("10.20.0.0/16"));
        String t = submit(plain);
        String cc = submit(controlled);
        String cc2 = submit(next);
        assertThat(promote(t).statusCode()).isEqualTo(200);
        assertThat(promote(cc).statusCode()).as("the plan in force has no change control").isEqualTo(200);

        HttpResponse<String> none = promote(cc2);
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(error(none)).isEqualTo("promotion refused: changeControl: no change record in changes leads from " + cc
                + " to " + cc2 + " (the directory holds none) (expected: an approved record: portcullis propose --from ... "
                + "--to ..., then portcullis approve)");

        ChangeRecord change = record(controlled, next, cc, cc2);
        Map<String, String> withOne = new TreeMap<>(next);
        withOne.put("changes/0001.json", new ChangeFile(change, List.of(sign(change, "bob", bob))).text());
        assertThat(submit(withOne)).isEqualTo(cc2); // records are not part of the digest
        HttpResponse<String> short1 = promote(cc2);
        assertThat(short1.statusCode()).isEqualTo(409);
        assertThat(error(short1)).startsWith("promotion refused: changeControl: changes/0001.json (change chg-1, risk ")
                .contains("is not approved: ").contains("valid: bob (platform)");

        Map<String, String> withTwo = new TreeMap<>(next);
        withTwo.put("changes/0001.json", new ChangeFile(change, List.of(sign(change, "bob", bob),
                sign(change, "alice", alice))).text());
        assertThat(submit(withTwo)).isEqualTo(cc2);
        HttpResponse<String> approved = promote(cc2);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(TestClient.json(control.as("viewer").get("/v1/current")).get("digest").asText()).isEqualTo(cc2);

        HttpResponse<String> back = promote(t);
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(error(back)).startsWith("promotion refused: changeControl");
    }

    /** {@code files} with a changeControl section: approvers alice (security) and bob (platform), records in changes/. */
    private Map<String, String> controlled(Map<String, String> files) {
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

    /** The record of the change from {@code from} to {@code to}, its risk assessed as propose assesses it. */
    private ChangeRecord record(Map<String, String> from, Map<String, String> to, String fromDigest, String toDigest)
            throws Exception {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Plan served = compiler.compile(List.of(write("from", from))).plan().orElseThrow();
            Plan candidate = compiler.compile(List.of(write("to", to))).plan().orElseThrow();
            assertThat(served.digest().toString()).isEqualTo(fromDigest);
            assertThat(candidate.digest().toString()).isEqualTo(toDigest);
            Instant now = Instant.now();
            RiskAssessment risk = RiskAssessment.of(served, candidate, PlanDiff.of(served, candidate, now));
            return new ChangeRecord("chg-1", fromDigest, toDigest, "dave", "open 9443 to 10.20.0.0/16", now,
                    now.plus(Duration.ofDays(1)), risk, Optional.empty(), null);
        }
    }

    private Path write(String name, Map<String, String> files) throws Exception {
        Path d = dir.resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.createDirectories(d.resolve(f.getKey()).getParent());
            Files.writeString(d.resolve(f.getKey()), f.getValue());
        }
        return d;
    }

    private static Approval sign(ChangeRecord r, String who, KeyPair key) {
        return ApprovalSignatures.sign(r, who, key);
    }

    private String submit(Map<String, String> files) throws Exception {
        HttpResponse<String> r = control.as("proposer").post("/v1/plans", Map.of("files", files));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return TestClient.json(r).get("digest").asText();
    }

    private HttpResponse<String> promote(String digest) throws Exception {
        return control.as("operator").put("/v1/current", Map.of("digest", digest));
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return TestClient.json(r).get("error").asText();
    }
}
