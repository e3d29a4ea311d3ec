package io.portcullis.cli.audit;

import io.portcullis.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.cli.ExitCodes;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit commands end to end: keygen, a log written with that key, verify, prove and verify-proof. */
class AuditCommandTest {

    @TempDir
    Path tmp;
    Path log;



    @BeforeEach
    void writeLog() throws IOException {
        CliRun keygen = CliRun.of("audit", "keygen", "--out", tmp.resolve("audit").toString());
        assertThat(keygen.code()).as(keygen.err()).isEqualTo(ExitCodes.OK);
        assertThat(keygen.out()).contains("audit.key").contains("audit.pub");
        log = tmp.resolve("log");
        Decision allow = Decision.allow(new Reason(Layer.POLICY, "statement-allows"), "policy[0] Statement[0]", "ok");
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(log, tmp.resolve("audit.key"))
                .fsyncInterval(Duration.ofMillis(2)).build())) {
            for (int i = 0; i < 40; i++) {
                assertThat(audit.append(AuditRecord.builder(Instant.EPOCH.plusSeconds(i), AuditRecord.Kind.REQUEST, allow)
                        .requestId("r" + i).method("GET").path("/orders/" + i).status(200).build())).isTrue();
            }
        }
    }

    @Test
    void verifyExitsZeroForAnIntactLog() {
        CliRun r = CliRun.of("audit", "verify", log.toString(), "--key", tmp.resolve("audit.pub").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("intact: 40 records from record 0, 1 checkpoints verified with key ");
    }

    @Test
    void verifyExitsOneAndNamesTheFirstBadRecord() throws IOException {
        Path segment = log.resolve("segment-00000000000000000000.log");
        byte[] bytes = Files.readAllBytes(segment);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"requestId\":\"r7\"") + 14;
        bytes[at] = 'X';
        Files.write(segment, bytes);

        CliRun r = CliRun.of("audit", "verify", log.toString(), "--key", tmp.resolve("audit.pub").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(r.err()).startsWith("DAMAGED: record 7: modified: segment-00000000000000000000.log offset ");
    }

    @Test
    void verifyWithAnotherKeySaysWrongKey() throws IOException {
        CliRun.of("audit", "keygen", "--out", tmp.resolve("other").toString());

        CliRun r = CliRun.of("audit", "verify", log.toString(), "--key", tmp.resolve("other.pub").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(r.err()).startsWith("WRONG KEY: none of the 1 checkpoint(s) in checkpoints.log verifies with key ")
                .doesNotContain("bad_signature");
    }

    @Test
    void proofPrintedByProveVerifiesOfflineAndFailsWithAnotherKey() throws IOException {
        CliRun prove = CliRun.of("audit", "prove", log.toString(), "--record", "17");
        assertThat(prove.code()).as(prove.err()).isEqualTo(ExitCodes.OK);
        Path proof = Files.writeString(tmp.resolve("proof.json"), prove.out());

        CliRun ok = CliRun.of("audit", "verify-proof", proof.toString(), "--key", tmp.resolve("audit.pub").toString());
        CliRun.of("audit", "keygen", "--out", tmp.resolve("other").toString());
        CliRun wrongKey = CliRun.of("audit", "verify-proof", proof.toString(), "--key", tmp.resolve("other.pub").toString());

        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).startsWith("valid: record 17 is in the log of 40 records");
        assertThat(wrongKey.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(wrongKey.err()).contains("INVALID PROOF: checkpoint: signature does not verify");
    }

    @Test
    void invalidInputExitsTwo() throws IOException {
        assertThat(CliRun.of("audit", "verify", tmp.resolve("missing").toString(), "--key", tmp.resolve("audit.pub").toString())
                .code()).isEqualTo(ExitCodes.INVALID);
        assertThat(CliRun.of("audit", "prove", log.toString(), "--record", "40").err())
                .contains("record: 40 (expected: in [0, 40))");
        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "{\"leafIndex\": -1}");
        CliRun r = CliRun.of("audit", "verify-proof", garbage.toString(), "--key", tmp.resolve("audit.pub").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("leafIndex: -1 (expected: an integer >= 0)");
        assertThat(CliRun.of("audit", "keygen", "--out", tmp.resolve("audit").toString()).code()).isEqualTo(ExitCodes.INVALID);
    }
}
