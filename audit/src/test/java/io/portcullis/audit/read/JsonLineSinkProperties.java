package io.portcullis.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Lines come out whole and in order however the writes cut them, multi-byte characters included. */
class JsonLineSinkProperties {

    @Property(tries = 500)
    void everyCompleteLineComesOutOnceAndWhole(@ForAll @Size(max = 20) List<String> lines,
                                               @ForAll @IntRange(min = 1, max = 17) int chunk) throws IOException {
        List<String> expected = lines.stream().map(l -> l.replace("\n", " ")).toList();
        byte[] bytes = (String.join("\n", expected) + (expected.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        try (JsonLineSink sink = new JsonLineSink(seen::add)) {
            for (int i = 0; i < bytes.length; i += chunk) {
                if (chunk == 1) {
                    sink.write(bytes[i]);
                } else {
                    sink.write(bytes, i, Math.min(chunk, bytes.length - i));
                }
            }
        }
        assertThat(seen).isEqualTo(expected);
    }
}
