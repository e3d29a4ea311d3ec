package io.portcullis.gateway.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the strict request decoder, the stage that keeps smuggling out: whatever the bytes, it hands on requests
 * and body parts or reports one violation, never throws, releases every buffer it reads, and reaches the same
 * verdict however the bytes are cut into reads (a front end and the gateway must not disagree on where a
 * request ends because of packet boundaries), and the head it sends upstream for each request is canonical
 * ({@link UpstreamHeads}). The last bytes of the input choose up to six cut points
 * (FuzzedDataProvider takes numbers from the end), the rest is the stream; the seeds are requests followed by a zero
 * byte. Without JAZZER_FUZZ=1 this runs the seed corpus only; with it, Jazzer explores for
 * {@code maxDuration}.
 */
class Http1RequestDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decidesAnyBytesTheSameWayHoweverTheyArrive(FuzzedDataProvider data) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = data.consumeInt(0, 6); i > 0; i--) {
            cuts.add(data.consumeInt(1, 4096));
        }
        String input = new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
        String whole = Http1RequestDecoderProperties.verdict(input, List.of());
        String split = Http1RequestDecoderProperties.verdict(input, cuts);
        if (!whole.equals(split)) {
            throw new AssertionError("cut at " + cuts + ": " + split + " (one read: " + whole + ")");
        }
        String nonCanonical = UpstreamHeads.firstNonCanonical(input, 1024);
        if (nonCanonical != null) {
            throw new AssertionError(nonCanonical);
        }
    }
}
