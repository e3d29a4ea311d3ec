package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submitted bundle is compiled confined to its own files (adversarial review, finding 3): a path it names that is
 * absolute or climbs out of the bundle is refused at that path, as written, and the file it names is never read, so
 * nothing of the control plane's host is quoted back or tested for existence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfinedBundleTest {

    private static final String EXPECTED = " (expected: a relative path to a file of the configuration, inside its "
            + "directory)";
    private ControlFixture control;
    private ChangeBundles bundles;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        bundles = new ChangeBundles(dir.resolve("bundles"));
        control = ControlFixture.onNewDatabase(dir, "control_confined");
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void refusesPathsOutsideTheBundleWithoutReadingThem() throws Exception {
        // a host file the control plane could read: its text must never come back, nor whether it exists
        Path secret = Files.writeString(dir.resolve("host-secret.json"), "{\"hostSecret\": \"s3cr3t-on-the-host\"}\n");
        Map<String, String> files = bundles.controlled(Bundles.example("trading"));
        files.put("apis.yaml", files.get("apis.yaml").replace("jwks: keys/idp-jwks.json", "jwks: " + secret));
        files.put("change-control.yaml", files.get("change-control.yaml")
                .replace("changes: changes", "changes: ../../../../../../tmp")
                .replace("publicKey: keys/bob.pub", "publicKey: keys/../../../../../../../../etc/hostname"));

        HttpResponse<String> r = control.as("proposer").post("/v1/plans", Map.of("files", files));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).doesNotContain("s3cr3t").doesNotContain("hostSecret").doesNotContain(dir.toString() + "/work");
        assertThat(problems(r)).contains(
                "apis.yaml:19:94: apis[0](orders).auth.jwt.jwks: '" + secret + "' leads outside the configuration's "
                        + "directory: an absolute path" + EXPECTED,
                "change-control.yaml:2:3: changeControl.changes: '../../../../../../tmp' leads outside the "
                        + "configuration's directory: '..' climbs out of it" + EXPECTED,
                "change-control.yaml:5:33: changeControl.approvers[1](bob).publicKey: 'keys/../../../../../../../../etc/"
                        + "hostname' leads outside the configuration's directory: '..' climbs out of it" + EXPECTED);
    }

    @Test
    void acceptsADotDotThatStaysInsideTheBundle() throws Exception {
        Map<String, String> files = new TreeMap<>(Bundles.example("trading"));
        files.put("apis.yaml", files.get("apis.yaml").replace("jwks: keys/idp-jwks.json", "jwks: keys/../keys/idp-jwks.json"));
        HttpResponse<String> r = control.as("proposer").post("/v1/plans", Map.of("files", files));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    private static List<String> problems(HttpResponse<String> r) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode p : TestClient.json(r).get("problems")) {
            out.add(p.asText());
        }
        return out;
    }
}
