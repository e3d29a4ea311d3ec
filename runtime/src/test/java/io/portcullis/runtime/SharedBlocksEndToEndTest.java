package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.net.Cidr;
import io.portcullis.runtime.demo.DemoUpstream;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source auto-blocked on node A (five requests without a token within the window) is refused at accept by
 * nodes B and C within a second, and admitted again by all three when the block ends, at the same absolute time.
 * Three nodes on the machine's Redis with a unique key prefix.
 */
class SharedBlocksEndToEndTest {

    private static final String ATTACKER = "127.0.1.21";

    @TempDir
    Path dir;

    @Test
    void aBlockOnOneNodeIsRefusedByEveryNodeAndEndsEverywhere() throws Exception {
        new TestIssuer(dir.resolve("jwks.json"));
        try (DemoUpstream upstream = DemoUpstream.start();
             ClusterNodes cluster = new ClusterNodes(dir, 3, upstream.uri().toString(), 6379,
                     "autoBlock: {key: address, failures: 5, window: 1m, cooldown: 4s}", """
                     auth:
                       jwt: {issuer: "https://idp.test", audiences: [orders], algorithms: [ES256], jwks: ../jwks.json}
                     """)) {
            cluster.awaitJoined(3);
            int a = cluster.ports.get(0);
            assertThat(LoopbackClient.once(ATTACKER, cluster.ports.get(1), "/orders")).as("B before").isEqualTo(401);
            assertThat(LoopbackClient.once(ATTACKER, cluster.ports.get(2), "/orders")).as("C before").isEqualTo(401);
            for (int i = 0; i < 5; i++) {
                assertThat(LoopbackClient.once(ATTACKER, a, "/orders")).isEqualTo(401);
            }
            long blocked = System.nanoTime();
            long[] refusedAfter = new long[3];
            for (int n = 1; n < 3; n++) {
                int port = cluster.ports.get(n);
                while (LoopbackClient.once(ATTACKER, port, "/orders") != -1) {
                    assertThat(System.nanoTime() - blocked).as("node %d refuses within 1s", n).isLessThan(1_000_000_000L);
                    Thread.sleep(10);
                }
                refusedAfter[n] = (System.nanoTime() - blocked) / 1_000_000;
            }
            assertThat(LoopbackClient.once(ATTACKER, a, "/orders")).as("A refuses").isEqualTo(-1);
            assertThat(LoopbackClient.once("127.0.1.11", cluster.ports.get(1), "/orders")).as("others still served")
                    .isEqualTo(401);

            Cidr cidr = Cidr.of(InetAddress.getByName(ATTACKER));
            long[] ends = new long[3];
            for (int n = 0; n < 3; n++) {
                ends[n] = cluster.nodes.get(n).cluster().orElseThrow().sharedBlocks().blocks().get(cidr);
            }
            assertThat(ends[1]).as("the same end everywhere").isEqualTo(ends[0]).isEqualTo(ends[2]);
            Thread.sleep(Math.max(0, ends[0] - System.currentTimeMillis() - 500));
            for (int n = 0; n < 3; n++) {
                assertThat(LoopbackClient.once(ATTACKER, cluster.ports.get(n), "/orders")).as("node %d before the end", n)
                        .isEqualTo(-1);
            }
            Thread.sleep(Math.max(0, ends[0] - System.currentTimeMillis() + 300));
            for (int n = 0; n < 3; n++) {
                assertThat(LoopbackClient.once(ATTACKER, cluster.ports.get(n), "/orders")).as("node %d after the end", n)
                        .isEqualTo(401);
            }
            System.out.printf("shared blocks: B refused after %dms, C after %dms; ended at %d on every node%n",
                    refusedAfter[1], refusedAfter[2], ends[0]);
        }
    }
}
