package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.change.ChangeRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion under change control refuses what a node applying the change would refuse (runtime.change.ChangeGate on
 * the plan in force and the candidate): no record, too few approvals; and lets an approved change through. Approvals
 * given after a plan was submitted are added by submitting it again with the approved record under a new name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeControlTest {

    private ChangeBundles bundles;
    private ControlFixture control;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        bundles = new ChangeBundles(dir.resolve("bundles"));
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
        Map<String, String> controlled = bundles.controlled(plain);
        Map<String, String> next = bundles.controlled(ControlApiTest.edited("10.20.0.0/16"));
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

        ChangeRecord change = bundles.record(controlled, next, "proposer", cc2);
        Map<String, String> withOne = new TreeMap<>(next);
        withOne.put("changes/0001.json", bundles.approved(change, "bob"));
        assertThat(submit(withOne)).isEqualTo(cc2); // records are not part of the digest
        HttpResponse<String> short1 = promote(cc2);
        assertThat(short1.statusCode()).isEqualTo(409);
        assertThat(error(short1)).startsWith("promotion refused: changeControl: changes/0001.json (change " + change.id() + ", risk ")
                .contains("is not approved: ").contains("valid: bob (platform)");

        // a stored file never changes: the approved record is added under a new name beside the first
        Map<String, String> rewritten = new TreeMap<>(withOne);
        rewritten.put("changes/0001.json", bundles.approved(change, "bob", "alice"));
        HttpResponse<String> refused = control.as("proposer").post("/v1/plans", Map.of("files", rewritten));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(refused).get("problems").get(0).asText()).isEqualTo("files['changes/0001.json']: "
                + "differs from the file stored with plan " + cc2 + " (expected: a stored plan's files never change; add an "
                + "approved record under a new name)");
        Map<String, String> withTwo = new TreeMap<>(withOne);
        withTwo.put("changes/0002.json", bundles.approved(change, "bob", "alice"));
        assertThat(submit(withTwo)).isEqualTo(cc2);
        HttpResponse<String> approved = promote(cc2);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(TestClient.json(control.as("viewer").get("/v1/current")).get("digest").asText()).isEqualTo(cc2);

        HttpResponse<String> back = promote(t);
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(error(back)).startsWith("promotion refused: changeControl");
    }

    @Test
    void refusesAChangeRecordWhoseAuthorIsNotTheSubmitter() throws Exception {
        Map<String, String> plan = bundles.controlled(ControlApiTest.edited("10.40.0.0/16"));
        String digest = bundles.digest(plan);
        // alice writes the change under another name and approves it herself: the gate sees no self-approval
        ChangeRecord disguised = bundles.record(null, plan, "not-alice", digest);
        Map<String, String> withRecord = new TreeMap<>(plan);
        withRecord.put("changes/0001.json", bundles.approved(disguised, "alice", "bob"));
        HttpResponse<String> refused = control.as("proposer").post("/v1/plans", Map.of("files", withRecord));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(error(refused)).isEqualTo("change records by another author: 1 problem (expected: records whose "
                + "author is the caller submitting them, proposer)");
        assertThat(TestClient.json(refused).get("problems").get(0).asText()).isEqualTo("changes/0001.json: change "
                + disguised.id() + " names author 'not-alice', but proposer submits it (expected: the change's author "
                + "submits it: portcullis propose --author proposer)");
        assertThat(control.as("viewer").get("/v1/plans/" + digest).statusCode()).as("nothing stored").isEqualTo(404);

        // nor added to a stored plan later
        assertThat(submit(plan)).isEqualTo(digest);
        HttpResponse<String> added = control.as("proposer").post("/v1/plans", Map.of("files", withRecord));
        assertThat(added.statusCode()).isEqualTo(422);
        JsonNode stored = TestClient.json(control.as("viewer").get("/v1/plans/" + digest)).get("files");
        assertThat(stored.has("changes/0001.json")).isFalse();

        Map<String, String> own = new TreeMap<>(plan);
        own.put("changes/0001.json", bundles.approved(bundles.record(null, plan, "proposer", digest), "alice", "bob"));
        assertThat(submit(own)).isEqualTo(digest);
        // another proposer resubmitting carries the stored record again (not checked) and adds one of its own
        Map<String, String> more = new TreeMap<>(own);
        more.put("changes/0002.json", bundles.approved(bundles.record(null, plan, "admin", digest), "alice"));
        HttpResponse<String> byAdmin = control.as("admin").post("/v1/plans", Map.of("files", more));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(TestClient.json(control.as("viewer").get("/v1/plans/" + digest)).get("files").has("changes/0002.json"))
                .isTrue();
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
