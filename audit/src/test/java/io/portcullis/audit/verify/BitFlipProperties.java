package io.portcullis.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.TestLogs;
import io.portcullis.audit.internal.SegmentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/** Any single bit flipped anywhere in a checkpointed segment is detected, never reported intact. */
class BitFlipProperties {

    private static Path fixture;
    private static KeyPair keys;
    private static byte[] segment;

    private static synchronized void writeFixture() {
        if (fixture != null) {
            return;
        }
        try {
            fixture = Files.createTempDirectory("bitflip");
            keys = TestLogs.signingKey(fixture.resolve("signing.key"));
            TestLogs.write(TestLogs.settings(fixture.resolve("log"), fixture.resolve("signing.key")).build(), 0, 40);
            segment = Files.readAllBytes(SegmentFiles.segments(fixture.resolve("log")).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 300)
    void everyBitFlipIsDetected(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int rawPosition,
                                @ForAll @IntRange(min = 0, max = 7) int bit) throws IOException {
        writeFixture();
        Path dir = Files.createTempDirectory(fixture, "try");
        try {
            Path log = dir.resolve("log");
            Files.createDirectories(log);
            Files.copy(fixture.resolve("log").resolve(SegmentFiles.CHECKPOINTS), log.resolve(SegmentFiles.CHECKPOINTS));
            byte[] bytes = segment.clone();
            int position = rawPosition % bytes.length;
            bytes[position] ^= (byte) (1 << bit);
            Files.write(SegmentFiles.segment(log, 0), bytes);

            VerificationResult result = AuditVerifier.verify(log, keys.getPublic());

            assertThat(result.intact()).as("flip of bit %d at byte %d", bit, position).isFalse();
            assertThat(result.first()).hasValueSatisfying(f -> assertThat(f.damage())
                    .isIn(Damage.MODIFIED, Damage.TRUNCATED, Damage.DELETED, Damage.REORDERED, Damage.INSERTED));
        } finally {
            delete(dir);
        }
    }

    @AfterContainer
    static void removeFixture() throws IOException {
        if (fixture != null) {
            delete(fixture);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
