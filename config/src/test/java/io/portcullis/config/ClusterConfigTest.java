package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.node.ClusterConfig;
import io.portcullis.config.node.RedisConfig;
import io.portcullis.settings.RateLimitScope;
import io.portcullis.settings.RateLimitSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster} and {@code rateLimits[].scope}: parsed with their defaults, mistakes refused at their line. */
class ClusterConfigTest {

    private static final String API = """
            accounts: [{id: "111111111111", name: trading}]
            vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.0.0.0/16]}]
            securityGroups: [{id: sg-api, account: "111111111111", vpc: vpc-a}]
            apis:
              - name: orders
                account: "111111111111"
                vpc: vpc-a
                listen: "127.0.0.1:8443"
                securityGroups: [sg-api]
                upstream: "http://127.0.0.1:9000"
                limits:
                  rateLimits:
                    - {key: api, capacity: 600, refillPeriod: 1m, scope: global}
                    - {key: workload, capacity: 10, refillPeriod: 1s}
            """;

    @TempDir
    Path dir;

    private ValidationReport load(String yaml) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.create().load(file);
    }

    @Test
    void parsesTheSectionAndFillsInItsDefaults() throws IOException {
        ValidationReport r = load(API + """
                cluster: {redis: {uri: "redis://127.0.0.1:6379"}}
                """);

        assertThat(r.errors()).isEmpty();
        PortcullisConfig c = r.config().orElseThrow();
        assertThat(c.node().cluster()).contains(new ClusterConfig(Optional.empty(), new RedisConfig(
                URI.create("redis://127.0.0.1:6379"), "portcullis", Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(5))));
        assertThat(c.apis().get(0).serving().limits().rateLimits()).extracting(RateLimitSettings::scope)
                .containsExactly(RateLimitScope.GLOBAL, RateLimitScope.LOCAL);
    }

    @Test
    void parsesEveryField() throws IOException {
        ValidationReport r = load("""
                cluster:
                  nodeId: gw-1.eu
                  redis: {uri: "rediss://redis.internal:6380", keyPrefix: "prod:gw", timeout: 100ms, fallbackAfter: 2s, presenceTtl: 10s}
                """);

        assertThat(r.config().orElseThrow().node().cluster()).contains(new ClusterConfig(Optional.of("gw-1.eu"),
                new RedisConfig(URI.create("rediss://redis.internal:6380"), "prod:gw", Duration.ofMillis(100),
                        Duration.ofSeconds(2), Duration.ofSeconds(10))));
    }

    @Test
    void refusesAGlobalLimitWithoutTheClusterStore() throws IOException {
        ValidationReport r = load(API);

        assertThat(r.config()).isEmpty();
        assertThat(r.errors()).extracting(Problem::toString).containsExactly(dir.resolve("node.yaml")
                + ":13:55: apis[0](orders).limits.rateLimits[0].scope: global needs the cluster store (expected: a "
                + "cluster section with redis, or scope local)");
    }

    @Test
    void refusesMistakesEachAtItsLine() throws IOException {
        ValidationReport r = load("""
                cluster:
                  nodeId: "gw 1"
                  redis:
                    uri: "http://redis:6379"
                    keyPrefix: "a b"
                    timeout: 5ms
                    fallbackAfter: 2m
                    presenceTtl: 1m
                    password: hunter2
                """);

        assertThat(r.config()).isEmpty();
        assertThat(r.errors()).extracting(Problem::toString).containsExactlyInAnyOrder(
                dir.resolve("node.yaml") + ":2:3: cluster.nodeId: 'gw 1' (expected: letters, digits and . _ - (at most 64), unique among the nodes)",
                dir.resolve("node.yaml") + ":4:5: cluster.redis.uri: 'http://redis:6379' (expected: an absolute redis or rediss URL with a host, no user info or fragment)",
                dir.resolve("node.yaml") + ":5:5: cluster.redis.keyPrefix: 'a b' (expected: letters, digits and . _ : - (at most 64))",
                dir.resolve("node.yaml") + ":9:5: cluster.redis.password: unknown key 'password' (expected one of: fallbackAfter, keyPrefix, presenceTtl, "
                        + "timeout, uri)");
    }

    @Test
    void refusesTimingsOutOfRange() throws IOException {
        ValidationReport r = load("""
                cluster:
                  redis: {uri: "redis://127.0.0.1:6379", timeout: 5ms, fallbackAfter: 2m, presenceTtl: 500ms}
                """);

        assertThat(r.errors()).extracting(Problem::toString).containsExactlyInAnyOrder(
                dir.resolve("node.yaml") + ":2:42: cluster.redis.timeout: 5ms (expected: from 10ms to 10s)",
                dir.resolve("node.yaml") + ":2:56: cluster.redis.fallbackAfter: 120000ms (expected: from the timeout, 5ms, to 1m)",
                dir.resolve("node.yaml") + ":2:75: cluster.redis.presenceTtl: 500ms (expected: from 1s to 5m)");
    }

    @Test
    void refusesAnUnknownScope() throws IOException {
        ValidationReport r = load(API.replace("scope: global", "scope: everywhere"));

        assertThat(r.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .contains("apis[0](orders).limits.rateLimits[0].scope").contains("everywhere")
                .contains("local").contains("global"));
    }
}
