package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database going away and coming back, on a PostgreSQL of the test's own: the control plane starts without it
 * (unhealthy, the API 503) and migrates and serves when it answers; stopped under a running control plane it reports
 * unhealthy and answers 503 without crashing (a parked long poll still ends); started again, it recovers without a
 * restart and has lost nothing.
 */
class DatabaseDownTest {

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversByItself(@TempDir Path dir) throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.init()) {
            pg.start();
            TestDatabase db = TestDatabase.create(pg.host(), "control_down");
            pg.stop();
            try (ControlFixture control = ControlFixture.start(dir, db.url())) {
                assertUnhealthy(control, 30_000); // the first request also loads the TLS and JSON machinery
                assertThat(control.as("viewer").get("/v1/plans").statusCode()).isEqualTo(503);

                pg.start();
                awaitHealthy(control);
                HttpResponse<String> created = control.as("proposer").post("/v1/plans",
                        Map.of("files", Bundles.example("trading")));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String digest = TestClient.json(created).get("digest").asText();
                assertThat(control.as("operator").put("/v1/current", Map.of("digest", digest)).statusCode()).isEqualTo(200);
                CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> {
                    try {
                        return control.as("node-1").get("/v1/current?after=1&wait=8");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

                long parkedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (control.plane.parkedPolls() == 0) {
                    assertThat(System.nanoTime()).as("the poll parks").isLessThan(parkedBy);
                    Thread.sleep(20);
                }
                pg.stop();
                assertUnhealthy(control, 5_000);
                HttpResponse<String> down = control.as("viewer").get("/v1/plans");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(TestClient.json(down).get("error").asText())
                        .isEqualTo("the control plane's database is unavailable (retry later)");
                assertThat(control.as("node-1").post("/v1/nodes/node-1/heartbeat", Map.of("digest", digest, "ready", true))
                        .statusCode()).isEqualTo(503);
                assertThat(control.as("node-1").get("/v1/current").statusCode()).isEqualTo(503);
                assertThat(poll.get(20, TimeUnit.SECONDS).statusCode()).as("the parked poll ends").isEqualTo(204);
                assertThat(control.anonymous().get("/v1/openapi.yaml").statusCode()).isEqualTo(200);

                pg.start();
                awaitHealthy(control);
                JsonNode current = TestClient.json(control.as("node-1").get("/v1/current"));
                assertThat(current.get("digest").asText()).isEqualTo(digest);
                assertThat(control.as("node-1").post("/v1/nodes/node-1/heartbeat", Map.of("digest", digest, "ready", true))
                        .statusCode()).isEqualTo(200);
            } finally {
                try {
                    pg.start();
                } catch (IllegalStateException running) {
                    // it is up already
                }
                db.close();
            }
        }
    }

    private static void assertUnhealthy(ControlFixture control, long withinMillis) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> health = control.anonymous().get("/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode body = TestClient.json(health);
        assertThat(body.get("status").asText()).isEqualTo("unhealthy");
        assertThat(body.get("reason").asText()).startsWith("the database does not answer: ");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("answered within the pool's timeout")
                .isLessThan(withinMillis);
    }

    private static void awaitHealthy(ControlFixture control) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (control.anonymous().get("/healthz").statusCode() != 200) {
            assertThat(System.nanoTime()).as("healthy again within 20 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
