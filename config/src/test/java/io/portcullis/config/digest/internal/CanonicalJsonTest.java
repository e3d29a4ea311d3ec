package io.portcullis.config.digest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/**
 * The canonical form is written as text without a Jackson tree; its strings must still be exactly what Jackson wrote
 * for the same tree, or every digest would change. Checked for every UTF-16 code unit, alone and within text.
 */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEveryCharacterAsJacksonDoes() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String alone = "a" + c + "b";
            assertThat(CanonicalJson.string(alone)).as("U+%04X", (int) c).isEqualTo(JSON.writeValueAsString(TextNode.valueOf(alone)));
            all.append(c);
        }
        String text = all.append("é😀\"\\/").toString();
        assertThat(CanonicalJson.string(text)).isEqualTo(JSON.writeValueAsString(TextNode.valueOf(text)));
        assertThat(CanonicalJson.string("")).isEqualTo("\"\"");
    }
}
