package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.runtime.demo.DemoUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stopped and started under load, three nodes sharing a global limit of 30 a second on a private Redis:
 * no status but 200 and 429, each node on its share (10 a second) within {@code fallbackAfter} plus one tick,
 * never more admitted than the shares allow, and back on the shared bucket once Redis answers; the switches are
 * counted and audited.
 */
class RedisFaultEndToEndTest {

    private static final long FALLBACK_AFTER_MS = 1000;
    private static final long TICK_MS = 250;

    @TempDir
    Path dir;

    @Test
    void nodesFallBackToTheirShareAndReturn() throws Exception {
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), AuditKeys.generate());
        List<Path> audits = new ArrayList<>();
        try (PrivateRedis redis = new PrivateRedis(); DemoUpstream upstream = DemoUpstream.start()) {
            try (ClusterNodes cluster = new ClusterNodes(dir, 3, upstream.uri().toString(), redis.port,
                    "timeout: 500ms, fallbackAfter: " + FALLBACK_AFTER_MS + "ms",
                    "audit: {dir: audit, signingKey: ../audit.key, fsyncInterval: 5ms}", """
                    limits:
                      rateLimits: [{key: api, capacity: 30, refillTokens: 30, refillPeriod: 1s, scope: global}]
                    """)) {
                cluster.awaitJoined(3);
                ClusterNodes.Load load = new ClusterNodes.Load(cluster.ports, 9);
                Thread.sleep(2_000);

                redis.stop();
                long stopped = System.nanoTime();
                long switched = await(cluster, n -> !n.cluster().orElseThrow().link().available(), 15_000) - stopped;
                long before = load.count(200);
                long from = System.nanoTime();
                Thread.sleep(3_000);
                long during = load.count(200) - before;
                long end = System.nanoTime();
                double seconds = (end - from) / 1e9;
                // A node's share started full when it switched, at the earliest fallbackAfter less a tick after the
                // last answer, so it can have refilled since then, not only since the window opened.
                double shareSeconds = (end - stopped - (FALLBACK_AFTER_MS - TICK_MS) * 1_000_000) / 1e9;

                redis.start();
                long restarted = System.nanoTime();
                long returned = await(cluster, n -> n.cluster().orElseThrow().link().available(), 20_000) - restarted;
                Thread.sleep(1_000);
                load.close();

                // Each node's share: ceil(30 / 3) = 10 at once and 10 a second; one token of debt per node (L = 1).
                double bound = 3 * (10 + 10 * shareSeconds) + 3;
                System.out.printf("redis fault: switched after %dms (bound %dms), admitted %d in %.2fs on the shares "
                        + "(bound %.0f), back %dms after restart; statuses 200=%d 429=%d others=%s%n",
                        switched / 1_000_000, FALLBACK_AFTER_MS + TICK_MS, during, seconds, bound,
                        returned / 1_000_000, load.count(200), load.count(429), load.others());
                assertThat(load.others()).as("no status but 200 and 429").isEmpty();
                // The bound is fallbackAfter plus one tick; the slack is this shared machine's scheduling delay.
                assertThat(switched / 1_000_000).isLessThan(FALLBACK_AFTER_MS + TICK_MS + 1_000);
                assertThat((double) during).as("never unlimited").isLessThanOrEqualTo(bound);
                assertThat(during).as("never cut off").isGreaterThan((long) (10 * seconds));
                for (Node n : cluster.nodes) {
                    assertThat(counter(n, "local-share")).isGreaterThanOrEqualTo(1);
                    assertThat(counter(n, "shared")).isGreaterThanOrEqualTo(1);
                }
                for (int i = 0; i < 3; i++) {
                    audits.add(dir.resolve("node-" + i).resolve("audit"));
                }
            }
        }
        for (Path audit : audits) {
            List<String> records = new ArrayList<>();
            AuditRecords.forEach(audit, (i, payload) -> records.add(new String(payload, StandardCharsets.UTF_8)));
            assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"cluster\"").contains("cluster-fallback"));
            assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"cluster\"").contains("cluster-restored"));
        }
    }

    private static double counter(Node n, String to) {
        Counter c = n.registry().find("portcullis.cluster.switches").tag("to", to).counter();
        return c == null ? 0 : c.count();
    }

    /** Waits until every node satisfies {@code condition}; the time it did. */
    private static long await(ClusterNodes cluster, Predicate<Node> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!cluster.nodes.stream().allMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the nodes did not switch within " + timeoutMillis + "ms");
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }
}
