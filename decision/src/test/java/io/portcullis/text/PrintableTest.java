package io.portcullis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTest {

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "sg-0a1b ingress[2]: tcp/22 from 0.0.0.0/0 (bastion, Zürich 東京 🙂) C:\\path";
        assertThat(Printable.line(text)).isSameAs(text);
    }

    @Test
    void aForgedLineAndTerminalEscapesStayOnOneLineAndVisible() {
        String description = "bastion\n    ACCEPTED until 2099-01-01T00:00:00Z\u001b[1A\u001b[2K\r";
        assertThat(Printable.line(description))
                .isEqualTo("bastion\\u000a    ACCEPTED until 2099-01-01T00:00:00Z\\u001b[1A\\u001b[2K\\u000d");
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0000", "0009", "001f", "007f", "0080", "009b", "009f", "2028", "2029", "061c", "200e", "200f", "202a",
            "202e", "2066", "2069", "d800", "dfff"})
    void escapesControlsSeparatorsBidiControlsAndLoneSurrogates(String hex) {
        char c = (char) Integer.parseInt(hex, 16);
        assertThat(Printable.line("a" + c + "b")).isEqualTo("a\\u" + hex + "b");
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0020", "007e", "00a0", "00e9", "200d", "202f", "2070", "fffd"})
    void leavesPrintableCharactersAlone(String hex) {
        String text = "a" + (char) Integer.parseInt(hex, 16) + "b";
        assertThat(Printable.line(text)).isSameAs(text);
    }

    @Test
    void aSurrogatePairIsOneCharacterAndItsHalvesAloneAreEscaped() {
        assertThat(Printable.line("\ud83d\ude42")).isEqualTo("\ud83d\ude42");
        assertThat(Printable.line("\ude42\ud83d")).isEqualTo("\\ude42\\ud83d");
        assertThat(Printable.line("x\ud83d")).isEqualTo("x\\ud83d");
    }
}
