package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.demo.DemoUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A threat feed fetched by one node is refused by every node serving a feed of that name: node A reads the list
 * (127.0.1.21/32), nodes B and C cannot read theirs (a missing file, which only warns) and still refuse the range
 * within a second, from the list A published; a client outside it is still served everywhere.
 */
class SharedFeedsEndToEndTest {

    private static final String LISTED = "127.0.1.21";

    @TempDir
    Path dir;

    @Test
    void aFeedOneNodeFetchedIsRefusedByEveryNode() throws Exception {
        Files.writeString(dir.resolve("drop.txt"), LISTED + "/32\n");
        try (DemoUpstream upstream = DemoUpstream.start();
             ClusterNodes cluster = new ClusterNodes(dir, 3, upstream.uri().toString(), 6379,
                     "timeout: 2s, fallbackAfter: 5s",
                     n -> "threatFeeds: [{name: drop, file: ../" + (n == 0 ? "drop.txt" : "missing.txt")
                             + ", format: plain, refresh: 1h}]", "")) {
            cluster.awaitJoined(3);
            // node A refuses the range once it has read its own file, which is when it publishes the list; the
            // others must refuse it within a second of that
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (LoopbackClient.once(LISTED, cluster.ports.get(0), "/orders") != -1) {
                assertThat(System.nanoTime()).as("node 0 reads its own feed").isLessThan(deadline);
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            for (int n = 0; n < 3; n++) {
                while (LoopbackClient.once(LISTED, cluster.ports.get(n), "/orders") != -1) {
                    assertThat(System.nanoTime() - start).as("node %d refuses the listed range", n)
                            .isLessThan(1_000_000_000L);
                    Thread.sleep(10);
                }
                assertThat(LoopbackClient.once("127.0.1.11", cluster.ports.get(n), "/orders")).isEqualTo(200);
            }
            assertThat(cluster.nodes.get(1).blocklist().blockedBy(java.net.InetAddress.getByName(LISTED)))
                    .isEqualTo("drop");
        }
    }
}
