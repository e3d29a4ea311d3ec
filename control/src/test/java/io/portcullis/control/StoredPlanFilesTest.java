package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of a stored plan never change (adversarial review, finding 1): a resubmission of its digest that moves a
 * referenced file and plants a change record at its path, with {@code changes} pointed there, is refused and leaves
 * the plan byte-identical and promotable; and a plan whose stored files were altered behind the API is neither
 * promoted nor served.
 */
class StoredPlanFilesTest {

    private ChangeBundles bundles;
    private ControlFixture control;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        bundles = new ChangeBundles(dir.resolve("bundles"));
        control = ControlFixture.onNewDatabase(dir, "control_stored");
    }

    @AfterEach
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void refusesAResubmissionThatRewritesAStoredFileAndKeepsThePlanPromotable() throws Exception {
        Map<String, String> plan = bundles.controlled(Bundles.example("trading"));
        String digest = bundles.digest(plan);
        plan.put("changes/0001.json", bundles.approved(bundles.record(null, plan, "proposer", digest), "alice", "bob"));
        assertThat(submit(plan).statusCode()).isEqualTo(201);

        // the JWK set moved (paths are not in the digest), the records read from keys/, one planted at the old path
        Map<String, String> evil = new TreeMap<>(plan);
        evil.put("k/idp-jwks.json", evil.remove("keys/idp-jwks.json"));
        evil.put("apis.yaml", evil.get("apis.yaml").replace("jwks: keys/idp-jwks.json", "jwks: k/idp-jwks.json"));
        evil.put("change-control.yaml", evil.get("change-control.yaml").replace("changes: changes", "changes: keys"));
        evil.put("keys/idp-jwks.json", evil.remove("changes/0001.json"));
        assertThat(bundles.digest(evil)).as("the rewritten bundle is the same plan").isEqualTo(digest);

        HttpResponse<String> refused = submit(evil);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode body = TestClient.json(refused);
        assertThat(body.get("error").asText()).isEqualTo("plan " + digest + " is stored with other files: 4 problems "
                + "(expected: the stored files as they are, plus new change records)");
        assertThat(body.get("problems").toString()).contains("files['keys/idp-jwks.json']: differs from the file stored "
                + "with plan " + digest).contains("files['k/idp-jwks.json']: not a file of plan " + digest + " as stored "
                + "(expected: only new change records, *.json in the plan's change directory, are added to a stored plan; "
                + "its change directory is changes/)");

        assertThat(files(control.as("viewer").get("/v1/plans/" + digest))).isEqualTo(plan);
        HttpResponse<String> promoted = control.as("operator").put("/v1/current", Map.of("digest", digest));
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(files(control.as("node-1").get("/v1/current"))).isEqualTo(plan);
    }

    @Test
    void neitherPromotesNorServesAPlanWhoseStoredFilesWereAltered() throws Exception {
        Map<String, String> plain = Bundles.example("trading");
        Map<String, String> next = ControlApiTest.edited("10.20.0.0/16");
        String first = TestClient.json(submit(plain)).get("digest").asText();
        String second = TestClient.json(submit(next)).get("digest").asText();
        assertThat(control.as("operator").put("/v1/current", Map.of("digest", first)).statusCode()).isEqualTo(200);

        alter(second, "groups.yaml", plain.get("groups.yaml"));
        HttpResponse<String> refused = control.as("operator").put("/v1/current", Map.of("digest", second));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(TestClient.json(refused).get("error").asText()).isEqualTo("promotion refused: the stored files of plan "
                + second + " compile to " + first + " (the store was altered; expected: a plan's files as submitted)");

        alter(first, "groups.yaml", next.get("groups.yaml"));
        HttpResponse<String> current = control.as("node-1").get("/v1/current");
        assertThat(current.statusCode()).isEqualTo(500);
        assertThat(TestClient.json(current).get("error").asText()).isEqualTo("the current plan is not served: the stored "
                + "files of plan " + first + " compile to " + second + " (the store was altered; expected: a plan's files "
                + "as submitted)");
    }

    private HttpResponse<String> submit(Map<String, String> files) throws Exception {
        return control.as("proposer").post("/v1/plans", Map.of("files", files));
    }

    private static Map<String, String> files(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> out = new TreeMap<>();
        TestClient.json(r).get("files").fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    /** Rewrites a stored file in the database, as no route can. */
    private void alter(String digest, String path, String text) throws Exception {
        try (Connection c = DriverManager.getConnection(control.databaseUrl().jdbcUrl());
             PreparedStatement s = c.prepareStatement("UPDATE plan_files SET content = ? WHERE digest = ? AND path = ?")) {
            s.setString(1, text);
            s.setString(2, digest);
            s.setString(3, path);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
