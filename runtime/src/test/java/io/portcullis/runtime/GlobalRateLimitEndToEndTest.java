package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.demo.DemoUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes sharing a global limit of 600 per minute on the machine's Redis (127.0.0.1:6379, a unique key
 * prefix): under a load spread over all three they admit what the one limit allows, within 2%.
 */
class GlobalRateLimitEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void threeNodesAdmitOneLimitBetweenThem() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start();
             ClusterNodes cluster = new ClusterNodes(dir, 3, upstream.uri().toString(), 6379, "", """
                     limits:
                       rateLimits: [{key: api, capacity: 600, refillTokens: 600, refillPeriod: 1m, scope: global}]
                     """)) {
            cluster.awaitJoined(3);
            long start = System.nanoTime();
            ClusterNodes.Load load = new ClusterNodes.Load(cluster.ports, 9);
            // Until the one bucket has been empty for a while: how long depends on how fast this machine sends.
            while (load.count(429) < 300 && System.nanoTime() - start < 90_000_000_000L) {
                Thread.sleep(50);
            }
            load.close();
            double seconds = load.seconds();
            long admitted = load.count(200);
            double allowed = 600 + 600 * seconds / 60; // the burst, and the refill while the load ran
            System.out.printf("global limit: admitted %d, allowed %.1f (%.2fs), refused %d, others %s%n",
                    admitted, allowed, seconds, load.count(429), load.others());
            assertThat(load.others()).as("no status but 200 and 429").isEmpty();
            assertThat(load.count(429)).as("the load exceeded the limit").isGreaterThanOrEqualTo(300);
            assertThat((double) admitted).isBetween(allowed * 0.98, allowed * 1.02);
        }
    }
}
