package io.portcullis.estate.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Markdown report's cells: the export's text as it is where it is printable, escaped where it is not. */
class ReportWriterTest {

    @Test
    void aCharacterOutsideTheBmpIsWrittenWholeAndALoneSurrogateEscaped() {
        assertThat(ReportWriter.code("rocket \uD83D\uDE80")).isEqualTo("`rocket \uD83D\uDE80`");
        assertThat(ReportWriter.cell("rocket \uD83D\uDE80!")).isEqualTo("rocket \uD83D\uDE80\\!");
        assertThat(ReportWriter.code("lone \uD800 and \uDC00")).isEqualTo("`lone \\ud800 and \\udc00`");
        assertThat(ReportWriter.cell("line\u2028break|")).isEqualTo("line\\u2028break\\|");
        assertThat(ReportWriter.code("a ` b | c")).isEqualTo("`` a ` b \\| c ``");
    }
}
