package io.portcullis.runtime.assurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.testing.FakeTime;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe token marks one probe: its API, its source, for a minute, under the node's key; nothing else verifies. */
class ProbeKeyTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef!".getBytes(StandardCharsets.US_ASCII);
    private final FakeTime time = new FakeTime(Instant.parse("2026-12-07T10:00:00Z"));
    private final ProbeKey key = ProbeKey.of(SECRET, time.clock());
    private final InetAddress source = InetAddress.getLoopbackAddress();

    @Test
    void verifiesItsOwnTokenForTheSameApiAndSourceOnly() throws Exception {
        String token = key.token("orders", source);

        assertThat(key.verify("orders", source, token)).isTrue();
        assertThat(key.verify("billing", source, token)).as("another API").isFalse();
        assertThat(key.verify("orders", InetAddress.getByName("127.0.0.2"), token)).as("another source").isFalse();
        assertThat(ProbeKey.of("another key of thirty-two bytes or more".getBytes(StandardCharsets.US_ASCII), time.clock())
                .verify("orders", source, token)).as("another key").isFalse();
    }

    @Test
    void refusesExpiredTamperedAndMalformedTokens() {
        String token = key.token("orders", source);
        String[] parts = token.split("\\.");

        assertThat(key.verify("orders", source, parts[0] + "." + (Long.parseLong(parts[1]) + 30) + "." + parts[2] + "." + parts[3]))
                .as("expiry moved").isFalse();
        assertThat(key.verify("orders", source, "v1.1.2.3")).isFalse();
        assertThat(key.verify("orders", source, "")).isFalse();
        assertThat(key.verify("orders", source, token + "A")).isFalse();
        time.advance(ProbeKey.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(key.verify("orders", source, token)).as("expired").isFalse();
    }

    @Test
    void refusesAShortKeyNamingTheFileNotTheContent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probe.key");
        Files.writeString(file, "too short\n");

        assertThatThrownBy(() -> ProbeKey.read(file, time.clock())).hasMessage(file + ": probe key: 9 bytes (expected: at "
                + "least 32 bytes of secret)");
    }
}
