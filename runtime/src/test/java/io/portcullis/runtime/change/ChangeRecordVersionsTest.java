package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Version 2 records carry the semantic diff, signed with the rest; version 1 records (diff null) are still read with
 * their own digest, so approvals given before the diff landed stay valid.
 */
class ChangeRecordVersionsTest {

    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
    private static final RiskAssessment LOW = new RiskAssessment(RiskLevel.LOW,
            List.of(new RiskAssessment.Contribution("access-only-removed", RiskLevel.LOW, "x")));

    private static ChangeRecord record(int version, ObjectNode diff) {
        return new ChangeRecord("chg-1", ChangeRecord.NONE, "sha256:" + "b".repeat(64), "dave", "why", CREATED,
                CREATED.plusSeconds(60), LOW, Optional.empty(), null, version, diff);
    }

    private static ObjectNode diff(String api) {
        ObjectNode d = JsonNodeFactory.instance.objectNode().put("portcullisDiff", 1);
        d.putArray("apis").addObject().put("id", api);
        return d;
    }

    @Test
    void aVersionTwoRecordCarriesItsDiffAndTheDigestCoversIt() {
        ChangeRecord r = record(2, diff("orders"));
        ChangeFile read = ChangeFile.parse(new ChangeFile(r, List.of()).text().getBytes(StandardCharsets.UTF_8));

        assertThat(read.change()).isEqualTo(r);
        assertThat(read.change().toJson().get("portcullisChange").intValue()).isEqualTo(2);
        assertThat(read.change().diff().path("apis").get(0).path("id").asText()).isEqualTo("orders");
        assertThat(record(2, diff("payments")).digest()).isNotEqualTo(r.digest());
    }

    @Test
    void aVersionOneRecordIsReadWithItsVersionOneDigest() {
        ChangeRecord v1 = new ChangeRecord("chg-1", ChangeRecord.NONE, "sha256:" + "b".repeat(64), "dave", "why", CREATED,
                CREATED.plusSeconds(60), LOW, Optional.empty(), null);
        String text = new ChangeFile(v1, List.of()).text();
        assertThat(text).contains("\"portcullisChange\" : 1").contains("\"diff\" : null");

        ChangeFile read = ChangeFile.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(read.change().version()).isEqualTo(1);
        assertThat(read.change().digest()).isEqualTo(v1.digest());
    }

    @Test
    void aDiffInAVersionOneRecordOrNoneInAVersionTwoIsRefused() {
        assertThatThrownBy(() -> record(1, diff("orders"))).hasMessage("diff: not null (expected: null; version 1 has no diff)");
        assertThatThrownBy(() -> record(2, null)).hasMessage("diff: NULL (expected: the semantic diff, an object)");
        assertThatThrownBy(() -> record(3, diff("orders"))).hasMessage("portcullisChange: 3 (expected: 1 or 2)");
    }
}
