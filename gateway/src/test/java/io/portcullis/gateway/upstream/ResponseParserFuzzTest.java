package io.portcullis.gateway.upstream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the strict upstream response parser: whatever an upstream sends, the parser reports heads, body parts,
 * an end or one violation, never throws, releases every buffer it is fed, and reaches the same outcome however
 * the bytes are cut into reads (else a response's end, and so what the client is told, would depend on packet
 * boundaries). The last bytes of the input choose HEAD or not and up to six cut points (FuzzedDataProvider takes
 * numbers from the end), the rest is the stream; the seeds are responses followed by two zero bytes.
 * Without JAZZER_FUZZ=1 this runs the seed corpus only; with it, Jazzer explores for {@code maxDuration}.
 */
class ResponseParserFuzzTest {

    private static final String NO_REQUEST_OUTSTANDING = "bytes from the upstream with no request outstanding";

    @FuzzTest(maxDuration = "30s")
    void decidesAnyBytesTheSameWayHoweverTheyArrive(FuzzedDataProvider data) {
        boolean headRequest = data.consumeBoolean();
        List<Integer> cuts = new ArrayList<>();
        for (int i = data.consumeInt(0, 6); i > 0; i--) {
            cuts.add(data.consumeInt(1, 4096));
        }
        String input = new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
        ResponseParserProperties.Outcome whole = beyondAsOne(ResponseParserProperties.parse(input, headRequest, List.of()));
        ResponseParserProperties.Outcome split = beyondAsOne(ResponseParserProperties.parse(input, headRequest, cuts));
        if (!whole.equals(split)) {
            throw new AssertionError("cut at " + cuts + ": " + split + " (one read: " + whole + ")");
        }
    }

    /**
     * Bytes after a complete response are reported as excess when they share its last read, and as bytes with no
     * request outstanding when they come in a later read; either way the response stands and the connection is
     * retired, so both count as one outcome here: "beyond", after the end.
     */
    private static ResponseParserProperties.Outcome beyondAsOne(ResponseParserProperties.Outcome outcome) {
        List<String> ends = new ArrayList<>(outcome.ends());
        boolean beyond = ends.remove("excess") | ends.remove("malformed " + NO_REQUEST_OUTSTANDING);
        if (beyond) {
            ends.add("beyond");
        }
        return new ResponseParserProperties.Outcome(outcome.heads(), outcome.body(), ends);
    }
}
