package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Values from claims cannot add a header line or split a list item, whatever they hold. */
class HeaderValuesTest {

    @Test
    void plainValuesPassAndEverythingElseIsPercentEncoded() {
        assertThat(HeaderValues.safe("arn:aws:iam::111111111111:role/trader-1")).isEqualTo("arn:aws:iam::111111111111:role/trader-1");
        assertThat(HeaderValues.safe("a\r\nX-Admin: 1")).isEqualTo("a%0D%0AX-Admin:%201");
        assertThat(HeaderValues.safe("a,b%c")).isEqualTo("a%2Cb%25c");
        assertThat(HeaderValues.safe("zoë")).isEqualTo("zo%C3%AB");
    }

    @Property
    void theResultIsAlwaysOneVisibleAsciiTokenWithoutCommas(@ForAll String value) {
        assertThat(HeaderValues.safe(value)).matches("[\\x21-\\x7E&&[^,]]*");
    }
}
