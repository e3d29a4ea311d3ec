package io.portcullis.estate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The hand-written checks say what the regular expressions they replaced said. */
class FileContextProperties {

    @Property
    void anAccountIdIsTwelveAsciiDigits(@ForAll @StringLength(max = 14) @Chars({'0', '1', '9', 'a', '-', '\u0663', '\n'}) String id) {
        assertThat(FileContext.isAccount(id)).as(id).isEqualTo(FileContext.ACCOUNT.matcher(id).matches());
    }

    @Property
    void aZonesRegionIsItWithoutItsLetter(
            @ForAll @StringLength(max = 14) @Chars({'u', 's', 'e', 'a', 'z', '-', '1', '2', 'A', '\n'}) String zone) {
        String r = zone.replaceAll("[a-z]$", "");
        String expected = FileContext.REGION.matcher(r).matches() ? r : null;
        assertThat(FileContext.regionOfZone(zone)).as(zone).isEqualTo(expected);
    }

    @Example
    void examples() {
        assertThat(FileContext.isAccount("123456789012")).isTrue();
        assertThat(FileContext.isAccount("12345678901a")).isFalse();
        assertThat(FileContext.isAccount("\u0661\u0662\u0663456789012")).isFalse();
        assertThat(FileContext.isAccount("1234567890123")).isFalse();
        assertThat(FileContext.regionOfZone("us-west-2a")).isEqualTo("us-west-2");
        assertThat(FileContext.regionOfZone("eu-central-1")).isEqualTo("eu-central-1");
        assertThat(FileContext.regionOfZone("use1-az1")).isNull();
        assertThat(FileContext.regionOfZone("")).isNull();
    }
}
