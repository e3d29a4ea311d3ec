package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.checkpoint.AuditKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A change record and its approvals: written and read back unchanged, and void after any change of a byte: the
 * file is read only in its canonical form, and every field it holds is either signed (the record, through its
 * digest; the approver's id) or checked against what is signed (the digest an approval names, its key id).
 */
class ChangeRecordTest {

    private static final Instant CREATED = Instant.parse("2026-03-04T10:00:00Z");
    private static final KeyPair BOB = AuditKeys.generate();
    private static final ChangeControl CONTROL = new ChangeControl(Path.of("changes"),
            Map.of("bob", new ChangeControl.Approver("bob", "platform", BOB.getPublic(), AuditKeys.keyId(BOB.getPublic()))),
            Map.of(RiskLevel.LOW, new ChangeRecord.Required(1, List.of()), RiskLevel.MEDIUM, new ChangeRecord.Required(1, List.of()),
                    RiskLevel.HIGH, new ChangeRecord.Required(1, List.of()), RiskLevel.CRITICAL, new ChangeRecord.Required(1, List.of())));
    private static final RiskAssessment MEDIUM = new RiskAssessment(RiskLevel.MEDIUM,
            List.of(new RiskAssessment.Contribution("other-change", RiskLevel.MEDIUM, "changed: securityGroups")));
    private static final ChangeRecord RECORD = new ChangeRecord("chg-1", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64),
            "dave", "open the ledger to reporting \"now\" ü", CREATED, CREATED.plusSeconds(3600), MEDIUM,
            Optional.of(new ChangeRecord.Required(1, List.of())), null);
    private static final byte[] SIGNED = new ChangeFile(RECORD, List.of(ApprovalSignatures.sign(RECORD, "bob", BOB)))
            .text().getBytes(StandardCharsets.UTF_8);

    @Test
    void readsBackWhatItWrote() {
        ChangeFile read = ChangeFile.parse(SIGNED);

        assertThat(read.change()).isEqualTo(RECORD);
        assertThat(read.change().digest()).isEqualTo(RECORD.digest()).startsWith("sha256:");
        assertThat(read.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(SIGNED);
        assertThat(valid(read)).isTrue();
        assertThat(new String(SIGNED, StandardCharsets.UTF_8)).as("indented, keys sorted, \\n line ends")
                .startsWith("{\n  \"approvals\" : [ {\n    \"approver\" : \"bob\",\n    \"change\" : \"" + RECORD.digest() + "\",\n")
                .contains("\n  \"digest\" : \"" + RECORD.digest() + "\"\n}\n").doesNotContain("\r");
    }

    @Test
    void theDigestCoversEveryFieldOfTheRecord() {
        List<ChangeRecord> edits = List.of(
                new ChangeRecord("chg-2", RECORD.from(), RECORD.to(), "dave", RECORD.reason(), CREATED, RECORD.expires(), MEDIUM, RECORD.required(), null),
                new ChangeRecord("chg-1", ChangeRecord.NONE, RECORD.to(), "dave", RECORD.reason(), CREATED, RECORD.expires(), MEDIUM, RECORD.required(), null),
                new ChangeRecord("chg-1", RECORD.from(), "sha256:" + "c".repeat(64), "dave", RECORD.reason(), CREATED, RECORD.expires(), MEDIUM, RECORD.required(), null),
                new ChangeRecord("chg-1", RECORD.from(), RECORD.to(), "erin", RECORD.reason(), CREATED, RECORD.expires(), MEDIUM, RECORD.required(), null),
                new ChangeRecord("chg-1", RECORD.from(), RECORD.to(), "dave", "x", CREATED, RECORD.expires(), MEDIUM, RECORD.required(), null),
                new ChangeRecord("chg-1", RECORD.from(), RECORD.to(), "dave", RECORD.reason(), CREATED, RECORD.expires().plusSeconds(1), MEDIUM, RECORD.required(), null),
                new ChangeRecord("chg-1", RECORD.from(), RECORD.to(), "dave", RECORD.reason(), CREATED, RECORD.expires(),
                        new RiskAssessment(RiskLevel.HIGH, MEDIUM.contributions()), RECORD.required(), null),
                new ChangeRecord("chg-1", RECORD.from(), RECORD.to(), "dave", RECORD.reason(), CREATED, RECORD.expires(), MEDIUM,
                        Optional.of(new ChangeRecord.Required(2, List.of("security"))), null));

        assertThat(edits).allSatisfy(e -> assertThat(e.digest()).isNotEqualTo(RECORD.digest()));
    }

    /** Any byte of the file (the record, its digest, the approval, the signature) flipped: refused or unapproved. */
    @Property(tries = 3000)
    void flippingAnyByteVoidsTheApproval(@ForAll @IntRange(min = 0, max = 100_000) int at,
                                         @ForAll @IntRange(min = 1, max = 255) int bits) {
        byte[] bytes = SIGNED.clone();
        int i = at % bytes.length;
        bytes[i] ^= (byte) bits;
        ChangeFile read;
        try {
            read = ChangeFile.parse(bytes);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(valid(read)).as("byte %d ^ %d still approves", i, bits).isFalse();
    }

    @Test
    void flippingAnyBitOfEveryByteVoidsTheApproval() {
        for (int i = 0; i < SIGNED.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                flippingAnyByteVoidsTheApproval(i, 1 << bit);
            }
        }
    }

    @Test
    void refusesAFileNotInCanonicalForm() {
        String text = new String(SIGNED, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ChangeFile.parse(text.replace("\"approvals\" : [", "\"approvals\":  [").getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not in canonical form");
        assertThatThrownBy(() -> ChangeFile.parse(text.replace("\"author\" : \"dave\"", "\"author\" : \"\\u0064ave\"")
                .getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("not in canonical form");
        assertThatThrownBy(() -> ChangeFile.parse(text.replace("\"diff\" : null,", "\"diff\" : null, \"diff\" : null,")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("Duplicate field 'diff'");
    }

    @Test
    void anApprovalBindsTheApproverId() {
        Approval bobs = ApprovalSignatures.sign(RECORD, "bob", BOB);
        Approval renamed = new Approval("carol", bobs.change(), bobs.keyId(), bobs.signature());

        assertThat(ApprovalSignatures.verifies(bobs, RECORD.digest(), BOB.getPublic())).isTrue();
        assertThat(ApprovalSignatures.verifies(renamed, RECORD.digest(), BOB.getPublic())).isFalse();
    }

    private static boolean valid(ChangeFile file) {
        List<ChangeControl.Approver> approvers = new ArrayList<>();
        return ChangeGate.judge(file, CONTROL, MEDIUM, CREATED, approvers).isEmpty() && !approvers.isEmpty();
    }
}
