package io.portcullis.audit.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.TestLogs;
import io.portcullis.audit.internal.RecordDecoder;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Verdict;
import io.portcullis.testing.FakeTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches of real logs written by {@link AuditLog}: every criterion, alone and together, returns exactly the
 * records a plain decode-and-compare finds, with their index and leaf hash; a search by time skips the segments
 * that are older without losing a record; a damaged log is searched as far as it can be read.
 */
class AuditSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime(T0);

    private Path write(long records, long segmentMaxBytes) throws IOException {
        Path dir = tmp.resolve("log");
        TestLogs.signingKey(tmp.resolve("signing.key"));
        try (AuditLog log = AuditLog.open(AuditSettings.builder(dir, tmp.resolve("signing.key"))
                .segmentMaxBytes(segmentMaxBytes).clock(time.clock()).build())) {
            ReadLogs.append(log, time, 0, records);
        }
        return dir;
    }

    @Test
    void everyCriterionFindsExactlyTheRecordsThatHaveIt() throws IOException {
        Path dir = write(3_000, 64 * 1024);
        List<AuditRecord> all = new ArrayList<>();
        AuditRecords.forEach(dir, (i, payload) -> all.add(RecordDecoder.decode(payload)));
        Instant since = T0.plusMillis(1_000);
        Instant until = T0.plusMillis(2_200).plusNanos(1); // a bound between two records' times

        check(dir, all, RecordFilter.ALL, r -> true);
        check(dir, all, filter(since, null, null, null, null, null, null, null), r -> !r.time().isBefore(since));
        check(dir, all, filter(null, until, null, null, null, null, null, null), r -> r.time().isBefore(until));
        check(dir, all, filter(null, null, "ledger", null, null, null, null, null), r -> r.api().equals("ledger"));
        check(dir, all, filter(null, null, null, "10.0.2.14", null, null, null, null),
                r -> r.sourceAddress().equals("10.0.2.14"));
        check(dir, all, filter(null, null, null, "10.0.2.0/23", null, null, null, null),
                r -> r.sourceAddress().startsWith("10.0.2.") || r.sourceAddress().startsWith("10.0.3."));
        check(dir, all, filter(null, null, null, null, "w3", null, null, null), r -> r.workload().equals("w3"));
        check(dir, all, filter(null, null, null, null, null, "arn:aws:iam::111111111111:role/r1", null, null),
                r -> "arn:aws:iam::111111111111:role/r1".equals(r.principal()));
        check(dir, all, filter(null, null, null, null, null, null, Verdict.DENY, null), r -> !r.decision().allowed());
        check(dir, all, filter(null, null, null, null, null, null, null, Layer.IDENTITY),
                r -> r.decision().layer() == Layer.IDENTITY);
        check(dir, all, filter(since, until, "orders", "10.0.0.0/16", "w1", "arn:aws:iam::111111111111:role/r1",
                Verdict.ALLOW, Layer.POLICY), r -> !r.time().isBefore(since) && r.time().isBefore(until)
                && r.api().equals("orders") && r.workload().equals("w1")
                && "arn:aws:iam::111111111111:role/r1".equals(r.principal()) && r.decision().allowed());
    }

    @Test
    void aSearchByTimeSkipsOlderSegmentsWholeAndFindsEveryRecordOfALargeLog() throws IOException {
        Path dir = write(200_000, 512 * 1024);
        Instant since = T0.plusMillis(150_000);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditSearch.Result result = AuditSearch.search(dir, filter(since, null, "ledger", null, null, null,
                Verdict.DENY, null), out);

        List<JsonNode> lines = ReadLogs.lines(out.toString(StandardCharsets.UTF_8));
        List<Long> expected = new ArrayList<>();
        for (long i = 149_999; i < 200_000; i++) { // record i was written at T0 + (i + 1) ms
            if (i % 3 == 0 && (i % 7 == 3 || i % 11 == 5)) {
                expected.add(i);
            }
        }
        assertThat(lines).extracting(n -> n.path("index").asLong()).containsExactlyElementsOf(expected);
        assertThat(result.matched()).isEqualTo(expected.size());
        assertThat(result.segments()).isGreaterThan(50);
        assertThat(result.skipped()).as("segments older than since, not read").isGreaterThan(result.segments() / 2);
        assertThat(result.read()).isLessThan(60_000);
        assertThat(result.damage()).isNull();
    }

    @Test
    void aLogThatHoldsNoRecordYetIsReadToItsEndInsteadOfForever() throws IOException {
        Path dir = tmp.resolve("empty");
        TestLogs.signingKey(tmp.resolve("empty.key"));
        try (AuditLog log = AuditLog.open(AuditSettings.builder(dir, tmp.resolve("empty.key")).clock(time.clock()).build())) {
            assertThat(log).isNotNull(); // opened and closed: one segment, no record
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditSearch.Result result = AuditSearch.search(dir, RecordFilter.ALL, out);

        assertThat(result.read()).isZero();
        assertThat(result.damage()).isNull();
        assertThat(out.size()).isZero();
    }

    @Test
    void matchesValuesThatTheEncodingEscapesAndSkipsPastThemInOtherFields() throws IOException {
        Path dir = tmp.resolve("log");
        TestLogs.signingKey(tmp.resolve("signing.key"));
        String odd = "role/\"quoted\" back\\slash tab\t ünïcode";
        try (AuditLog log = AuditLog.open(AuditSettings.builder(dir, tmp.resolve("signing.key")).clock(time.clock()).build())) {
            for (int i = 0; i < 4; i++) {
                AuditRecord.Builder b = AuditRecord.builder(time.instant(), AuditRecord.Kind.REQUEST, TestLogs.record(i).decision())
                        .api("api-ü").path("/p\",\"api\":\"api-ü\"" + i).securityGroups(List.of("sg-\"]", "sg-x"))
                        .workload("w" + i).source("10.0.0." + i, 1);
                if (i % 2 == 0) {
                    b.principal(odd);
                }
                assertThat(log.append(b.build())).isTrue();
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditSearch.search(dir, filter(null, null, "api-ü", null, "w2", odd, null, null), out);
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        AuditSearch.search(dir, filter(null, null, "api-ü", null, "w1", odd, null, null), none);

        assertThat(ReadLogs.lines(out.toString(StandardCharsets.UTF_8))).singleElement()
                .satisfies(n -> assertThat(n.path("record").path("principal").asText()).isEqualTo(odd));
        assertThat(none.size()).isZero();
    }

    @Test
    void aDamagedLogIsSearchedUpToTheDamageAndSaysWhere() throws IOException {
        Path dir = write(500, 1 << 20);
        Path segment = dir.resolve("segment-00000000000000000000.log");
        byte[] bytes = Files.readAllBytes(segment);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"requestId\":\"req-200\"") + 15;
        bytes[at] ^= 1;
        Files.write(segment, bytes);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditSearch.Result result = AuditSearch.search(dir, RecordFilter.ALL, out);

        assertThat(ReadLogs.lines(out.toString(StandardCharsets.UTF_8))).hasSize(200);
        assertThat(result.damage()).startsWith("record 200 is damaged (BAD_CRC)");
    }

    @Test
    void refusesWhatCannotBeACriterion() {
        assertThatThrownBy(() -> filter(null, null, null, "example.com", null, null, null, null))
                .hasMessage("source: 'example.com' (expected: an IP address or a CIDR, e.g. 10.0.1.7 or 10.0.1.0/24)");
        assertThatThrownBy(() -> filter(null, null, null, "10.0.0.0/33", null, null, null, null))
                .hasMessageStartingWith("source: '10.0.0.0/33'");
        assertThatThrownBy(() -> filter(null, null, null, "300.1.1.1", null, null, null, null))
                .hasMessageStartingWith("source: '300.1.1.1'");
        assertThatThrownBy(() -> filter(T0, T0.minusSeconds(1), null, null, null, null, null, null))
                .hasMessage("until: 2026-11-23T09:59:59Z (expected: at or after since 2026-11-23T10:00:00Z)");
        assertThatThrownBy(() -> AuditSearch.search(tmp.resolve("missing"), RecordFilter.ALL, new ByteArrayOutputStream()))
                .hasMessageEndingWith("missing: no such directory (expected: an audit log directory)");
    }

    private static RecordFilter filter(Instant since, Instant until, String api, String source, String workload,
                                       String principal, Verdict verdict, Layer layer) {
        return new RecordFilter(since, until, api, source, workload, principal, verdict, layer);
    }

    private static void check(Path dir, List<AuditRecord> all, RecordFilter filter, Predicate<AuditRecord> wanted)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditSearch.Result result = AuditSearch.search(dir, filter, out);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (wanted.test(all.get(i))) {
                expected.add((long) i);
            }
        }
        assertThat(expected).as("the criterion picks some records: " + filter).isNotEmpty()
                .hasSizeLessThanOrEqualTo(all.size());
        assertThat(ReadLogs.lines(out.toString(StandardCharsets.UTF_8))).as(filter.toString())
                .extracting(n -> n.path("index").asLong()).containsExactlyElementsOf(expected);
        assertThat(result.matched()).isEqualTo(expected.size());
    }
}
