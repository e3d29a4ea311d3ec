package io.portcullis.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.TestLogs;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.internal.Frames;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.internal.SegmentReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tampering matrix: each kind of damage to a 100-record log (checkpoints at 25, 50, 75 and 100) is detected,
 * with the right kind and the first bad record; the untouched log verifies.
 */
class TamperingTest {

    @TempDir
    Path tmp;
    Path dir;
    KeyPair keys;
    Path segment;
    byte[] header;
    List<byte[]> frames;

    @BeforeEach
    void writeLog() throws IOException {
        dir = tmp.resolve("log");
        keys = TestLogs.signingKey(tmp.resolve("signing.key"));
        AuditSettings settings = TestLogs.settings(dir, tmp.resolve("signing.key")).build();
        for (int part = 0; part < 4; part++) {
            TestLogs.write(settings, part * 25, 25);
        }
        segment = SegmentFiles.segments(dir).get(0);
        frames = new ArrayList<>();
        try (SegmentReader r = SegmentReader.open(segment)) {
            header = Arrays.copyOf(Files.readAllBytes(segment), r.header().size());
            while (r.next() == SegmentReader.Status.FRAME) {
                frames.add(Frames.encode(r.seq(), r.payload()));
            }
        }
        assertThat(frames).hasSize(100);
    }

    @Test
    void intactLogVerifies() throws IOException {
        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());
        assertThat(result.findings()).isEmpty();
        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(100);
        assertThat(result.checkpoints()).isEqualTo(4);
    }

    interface Tamper {
        void apply(List<byte[]> frames);
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("byte flipped in record 42", (Tamper) f -> f.get(42)[30] ^= 0x20, Damage.MODIFIED, 42),
                Arguments.of("record 42 deleted", (Tamper) f -> f.remove(42), Damage.DELETED, 42),
                Arguments.of("records 42..44 deleted", (Tamper) f -> f.subList(42, 45).clear(), Damage.DELETED, 42),
                Arguments.of("copy of record 10 inserted at 42", (Tamper) f -> f.add(42, f.get(10)), Damage.INSERTED, 42),
                Arguments.of("copy of record 60 inserted at 42", (Tamper) f -> f.add(42, f.get(60)), Damage.INSERTED, 42),
                Arguments.of("records 42 and 43 swapped", (Tamper) f -> f.add(43, f.remove(42)), Damage.REORDERED, 42),
                Arguments.of("record 70 moved to 42", (Tamper) f -> f.add(42, f.remove(70)), Damage.REORDERED, 42),
                Arguments.of("last 10 records cut", (Tamper) f -> f.subList(90, 100).clear(), Damage.TRUNCATED, 90),
                Arguments.of("record 42 rewritten with a valid checksum", (Tamper) f -> f.set(42, Frames.encode(42,
                        new String(payload(f.get(42)), StandardCharsets.UTF_8).replace("\"allow\"", "\"deny!\"")
                                .getBytes(StandardCharsets.UTF_8))), Damage.MODIFIED, 25));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void detectsDamageAndNamesFirstBadRecord(String name, Tamper tamper, Damage kind, long first) throws IOException {
        tamper.apply(frames);
        rewrite(frames, 0);

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(result.intact()).isFalse();
        assertThat(result.first()).hasValueSatisfying(f -> {
            assertThat(f.damage()).as(f.toString()).isEqualTo(kind);
            assertThat(f.record()).as(f.toString()).isEqualTo(first);
        });
    }

    @Test
    void truncationInsideARecordCoveredByACheckpointIsTruncation() throws IOException {
        rewrite(frames.subList(0, 91), 7); // record 90 is cut short 7 bytes before its end

        Finding f = AuditVerifier.verify(dir, keys.getPublic()).first().orElseThrow();

        assertThat(f.damage()).isEqualTo(Damage.TRUNCATED);
        assertThat(f.record()).isEqualTo(90);
    }

    @Test
    void logWhoseCheckpointsWereRemovedIsUnsigned() throws IOException {
        Files.delete(dir.resolve(SegmentFiles.CHECKPOINTS));

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.damage()).isEqualTo(Damage.UNSIGNED);
            assertThat(f.record()).isZero();
        });
    }

    @Test
    void aWrongKeyIsOneFindingThatNamesBothKeys() throws IOException {
        KeyPair other = AuditKeys.generate();

        VerificationResult result = AuditVerifier.verify(dir, other.getPublic());

        assertThat(result.intact()).isFalse();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.damage()).isEqualTo(Damage.WRONG_KEY);
            assertThat(f.detail()).isEqualTo("none of the 4 checkpoint(s) in checkpoints.log verifies with key "
                    + AuditKeys.keyId(other.getPublic()) + "; they name key " + AuditKeys.keyId(keys.getPublic())
                    + " (expected: the public key of the signing key that wrote this log)");
        });
        assertThat(result.checkpoints()).isZero();
    }

    @Test
    void checkpointsThatNameTheGivenKeyButFailAreForgeriesNotAWrongKey() throws IOException {
        Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
        List<String> forged = Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("\"signature\":\"[A-Za-z0-9+/]", "\"signature\":\"" + (line.contains("\"signature\":\"A") ? "B" : "A")))
                .toList();
        Files.write(file, forged);

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(result.findings()).extracting(Finding::damage).contains(Damage.BAD_SIGNATURE).doesNotContain(Damage.WRONG_KEY);
        assertThat(result.findings()).filteredOn(f -> f.damage() == Damage.BAD_SIGNATURE).hasSize(4);
    }

    @Test
    void aLogWhoseSegmentsAreAllGoneIsMissingThem() throws IOException {
        for (Path s : SegmentFiles.segments(dir)) {
            Files.delete(s);
        }

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(result.intact()).isFalse();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.damage()).isEqualTo(Damage.MISSING);
            assertThat(f.record()).isEqualTo(-1);
            assertThat(f.detail()).isEqualTo("every segment file is gone: " + dir + " holds no segment-<index>.log, but "
                    + "signed checkpoints cover 100 records (expected: the segments of the log, at least the one being written)");
        });
    }

    @Test
    void aDirectoryWithoutAnAuditLogIsNotIntactWithOrWithoutAKey() throws IOException {
        Path sources = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(sources.resolve("Main.java"), "class Main {}");
        String missing = "no audit log in " + sources + ": no segment-<index>.log and no checkpoints.log "
                + "(expected: an audit log directory, the audit.dir a node writes)";

        for (VerificationResult result : List.of(AuditVerifier.verify(sources, keys.getPublic()), AuditVerifier.verify(sources))) {
            assertThat(result.intact()).isFalse();
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.damage()).isEqualTo(Damage.MISSING);
                assertThat(f.detail()).isEqualTo(missing);
            });
        }
    }

    @Test
    void forgedCheckpointRootFailsItsSignature() throws IOException {
        Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
        List<String> lines = Files.readAllLines(file);
        String line = lines.get(1);
        int at = line.indexOf("\"root\":\"") + 8;
        char c = line.charAt(at);
        lines.set(1, line.substring(0, at) + (c == 'A' ? 'B' : 'A') + line.substring(at + 1));
        Files.write(file, lines);

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.damage()).isEqualTo(Damage.BAD_SIGNATURE);
            assertThat(f.detail()).startsWith("checkpoints.log:2: checkpoint of size 50");
        });
    }

    @Test
    void unfinishedLastRecordWithoutCheckpointIsATornTail() throws IOException {
        byte[] extra = Frames.encode(100, "{\"half\":true}".getBytes(StandardCharsets.UTF_8));
        frames.add(Arrays.copyOf(extra, extra.length - 5));
        rewrite(frames, 0);

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.damage()).isEqualTo(Damage.TORN_TAIL);
            assertThat(f.record()).isEqualTo(100);
        });
    }

    private void rewrite(List<byte[]> newFrames, int cutFromLast) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        newFrames.forEach(out::writeBytes);
        byte[] all = out.toByteArray();
        Files.write(segment, Arrays.copyOf(all, all.length - cutFromLast));
    }

    static byte[] payload(byte[] frame) {
        return Arrays.copyOfRange(frame, Frames.HEADER, frame.length - Frames.TRAILER);
    }
}
