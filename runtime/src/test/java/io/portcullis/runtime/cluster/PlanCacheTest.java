package io.portcullis.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's cache of plans: whole versions, pointers switched atomically, the last good one kept across starts. */
class PlanCacheTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @TempDir
    Path tmp;

    private static ControlClient.Promoted promoted(long version, String digest, String text) {
        return new ControlClient.Promoted(version, digest, Map.of("portcullis.yaml", text, "keys/jwks.json", "{}"),
                Instant.parse("2026-12-07T10:00:00Z"), "CN=operator");
    }

    @Test
    void currentPointsAtTheVersionServedAndGoodSurvivesAStart() throws IOException {
        PlanCache cache = PlanCache.open(tmp.resolve("cache"));
        assertThat(cache.good()).isEmpty();
        PlanCache.Entry v1 = cache.write(promoted(1, D1, "apis: []\n"));
        cache.serve(v1);
        cache.applied(v1);
        assertThat(Files.readString(cache.current().resolve("portcullis.yaml"))).isEqualTo("apis: []\n");
        assertThat(Files.readString(cache.current().resolve("keys/jwks.json"))).isEqualTo("{}");

        PlanCache.Entry v2 = cache.write(promoted(2, D2, "apis: [] # two\n"));
        cache.serve(v2); // as a node does before reloading; a crash now must not start from v2
        PlanCache reopened = PlanCache.open(tmp.resolve("cache"));
        assertThat(reopened.good()).get().extracting(PlanCache.Entry::version, PlanCache.Entry::digest)
                .containsExactly(1L, D1);
        assertThat(Files.readString(reopened.current().resolve("portcullis.yaml"))).isEqualTo("apis: []\n");
        try (var leftovers = Files.list(tmp.resolve("cache"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("versions",
                    "current", "good");
        }
    }

    @Test
    void aRefusedVersionIsRemembered() throws IOException {
        PlanCache cache = PlanCache.open(tmp.resolve("cache"));
        PlanCache.Entry v2 = cache.write(promoted(2, D2, "x"));
        assertThat(cache.wasRefused(2, D2)).isFalse();
        cache.refused(v2);
        assertThat(PlanCache.open(tmp.resolve("cache")).wasRefused(2, D2)).isTrue();
        assertThat(cache.wasRefused(3, D2)).isFalse();
    }

    @Test
    void aFileNameOutsideTheBundleIsRefusedAndNothingIsPointedAtIt() throws IOException {
        PlanCache cache = PlanCache.open(tmp.resolve("cache"));
        ControlClient.Promoted escaping = new ControlClient.Promoted(3, D1, Map.of("../../etc/portcullis.yaml", "x"),
                null, "CN=operator");
        assertThatThrownBy(() -> cache.write(escaping)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plan file '../../etc/portcullis.yaml' (expected: a relative path inside the bundle)");
        assertThat(tmp.resolve("etc")).doesNotExist();
        assertThat(cache.current()).doesNotExist();
    }
}
