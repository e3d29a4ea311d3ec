package io.portcullis.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes ({@code portcullis run --control}, each a JVM of its own) and a control plane on loopback over real
 * TLS, on a database of its own on the machine's PostgreSQL: a promoted version reaches every node within 2 s, and a
 * node restarted while the control plane is stopped serves its cached plan; a version the nodes cannot serve is
 * refused once, and the last good plan serves. The plan has no API so that three
 * nodes on one host can serve the same one (an API's listener is part of the plan).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodesTest {

    @TempDir
    static Path dir;
    ControlPlaneFixture control;
    final List<NodeProcess> nodes = new ArrayList<>();
    String first;

    @BeforeAll
    void start() throws Exception {
        control = new ControlPlaneFixture(dir, "node-1", "node-2", "node-3").start();
        first = control.propose(Plans.withoutApi("first"), "the first plan");
        control.promote(first);
        for (String id : List.of("node-1", "node-2", "node-3")) {
            nodes.add(new NodeProcess(id, dir.resolve(id), freePort(), control.url(), control.pki.caFile(),
                    control.node(id).certFile(), control.node(id).keyFile(), "").launch());
        }
        for (NodeProcess n : nodes) {
            n.awaitReady();
        }
        for (NodeProcess n : nodes) {
            assertThat(n.plan().path("control").path("digest").asText()).as(n.id).isEqualTo(first);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (NodeProcess n : nodes) {
            n.close();
        }
        if (control != null) {
            control.close();
        }
    }

    @Test
    @Order(1)
    void aPromotedVersionReachesEveryNodeWithinTwoSeconds() throws Exception {
        for (int round = 1; round <= 3; round++) {
            String next = control.propose(Plans.withoutApi("round " + round), "round " + round);
            long promotedAt = System.nanoTime();
            long version = control.promote(next);
            List<Long> millis = new ArrayList<>();
            for (NodeProcess n : nodes) {
                while (!next.equals(n.plan().path("control").path("digest").asText())) {
                    assertThat(System.nanoTime() - promotedAt).as(n.id + " serves version " + version + "; it printed:\n"
                                    + n.output())
                            .isLessThan(2_000_000_000L);
                    Thread.sleep(10);
                }
                millis.add((System.nanoTime() - promotedAt) / 1_000_000);
            }
            Thread.sleep(200); // the nodes' log lines follow their swaps
            for (NodeProcess n : nodes) {
                n.output().lines().filter(l -> l.contains("control: version " + version))
                        .forEach(l -> System.out.println(n.id + ": " + l));
            }
            System.out.println("version " + version + " served by node-1..3 after " + millis + " ms (promoted at "
                    + java.time.Instant.now().minusMillis((System.nanoTime() - promotedAt) / 1_000_000) + ")");

            assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2000));
        }
    }

    @Test
    @Order(2)
    void everyNodeReportsWhatItServesInItsHeartbeats() throws Exception {
        String served = nodes.get(0).plan().path("control").path("digest").asText();
        long deadline = System.nanoTime() + 20_000_000_000L; // heartbeats come every 5 s
        while (true) {
            JsonNode listed = control.get("/v1/nodes");
            List<String> reporting = new ArrayList<>();
            for (JsonNode n : listed) {
                if (n.path("live").asBoolean() && n.path("ready").asBoolean() && served.equals(n.path("digest").asText())
                        && n.path("counters").has("requests") && n.path("counters").has("refused")) {
                    reporting.add(n.path("nodeId").asText());
                }
            }
            if (reporting.size() == 3) {
                assertThat(reporting).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
                return;
            }
            assertThat(System.nanoTime()).as("every node reports " + served + ": " + listed).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    @Order(3)
    void aNodeRestartedWhileTheControlPlaneIsStoppedServesItsCachedPlan() throws Exception {
        NodeProcess node = nodes.get(0);
        JsonNode before = node.plan();
        control.stop();
        node.stop();
        node.start();
        JsonNode after = node.plan();
        assertThat(after.path("digest").asText()).isEqualTo(before.path("digest").asText());
        assertThat(after.path("control").path("digest").asText()).isEqualTo(before.path("control").path("digest").asText());
        assertThat(after.path("control").path("connected").asBoolean()).isFalse();
        assertThat(node.admin("/readyz").statusCode()).isEqualTo(200);
        assertThat(node.admin("/readyz").body()).contains("control: disconnected from " + control.url());
        assertThat(node.output()).contains("serving the cached version");

        control.start(); // the nodes find it again and follow the next version
        String next = control.propose(Plans.withoutApi("after the outage"), "after the outage");
        control.promote(next);
        long deadline = System.nanoTime() + 15_000_000_000L;
        for (NodeProcess n : nodes) {
            while (!next.equals(n.plan().path("control").path("digest").asText())) {
                assertThat(System.nanoTime()).as(n.id + " follows the control plane again").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    @Order(4)
    void aVersionTheNodesCannotServeIsRefusedOnceAndTheLastGoodPlanServes() throws Exception {
        String good = nodes.get(0).plan().path("control").path("digest").asText();
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // valid for the control plane, which binds nothing; no node can listen on a port already taken
            String unservable = control.propose(Plans.withApi("port taken", taken.getLocalPort()), "port taken");
            long refused = control.promote(unservable);
            long deadline = System.nanoTime() + 15_000_000_000L;
            for (NodeProcess n : nodes) {
                while (!n.admin("/readyz").body().contains("refused version " + refused)) {
                    assertThat(System.nanoTime()).as(n.id + " reports the refusal").isLessThan(deadline);
                    Thread.sleep(50);
                }
                assertThat(n.admin("/readyz").statusCode()).isEqualTo(200);
                assertThat(n.plan().path("control").path("digest").asText()).isEqualTo(good);
            }
            Thread.sleep(3000); // long enough for a loop to have tried it again
            for (NodeProcess n : nodes) {
                assertThat(n.output().lines().filter(l -> l.contains("control: version " + refused + " refused")))
                        .as(n.id + " tried version " + refused + " once").hasSize(1);
            }
        }
        String next = control.propose(Plans.withoutApi("after the refusal"), "after the refusal");
        control.promote(next);
        long deadline = System.nanoTime() + 15_000_000_000L;
        for (NodeProcess n : nodes) {
            while (!next.equals(n.plan().path("control").path("digest").asText())) {
                assertThat(System.nanoTime()).as(n.id + " applies the next version").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
