package io.portcullis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canonical encoding is what every leaf hash, checkpoint and proof rests on: the encoder must keep writing
 * exactly the bytes it wrote before (held in {@code canonical-records.jsonl}, one record per line), whatever its
 * caches hold, record after record.
 */
class CanonicalEncodingTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesTheSameBytesAsBeforeForEveryRecordOfTheCorpus(boolean redactQuery) throws IOException {
        List<AuditRecord> corpus = CanonicalRecords.corpus();
        List<byte[]> expected = golden(redactQuery ? "canonical-records.jsonl" : "canonical-records-query.jsonl");
        RecordEncoder encoder = new RecordEncoder(redactQuery);

        assertThat(expected).hasSize(corpus.size());
        for (int pass = 0; pass < 3; pass++) { // warm caches must not change a byte
            for (int i = 0; i < corpus.size(); i++) {
                assertThat(new String(encoder.toBytes(corpus.get(i)), StandardCharsets.UTF_8)).as("record %d", i)
                        .isEqualTo(new String(expected.get(i), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void encodesIntoTheCallersBufferAfterWhatIsThere() {
        AuditRecord r = CanonicalRecords.corpus().get(5);
        RecordEncoder encoder = new RecordEncoder(true);
        byte[] alone = encoder.toBytes(r);
        ByteSink sink = new ByteSink(4);
        sink.put((byte) 'x');

        encoder.encode(r, sink);

        assertThat(sink.len).isEqualTo(1 + alone.length);
        assertThat(Arrays.copyOfRange(sink.buf, 1, sink.len)).isEqualTo(alone);
    }

    private static List<byte[]> golden(String name) throws IOException {
        try (InputStream in = CanonicalEncodingTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        }
    }
}
