package io.portcullis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The cached instant writer produces exactly what {@link Instant#toString()} does, so encodings never drift. */
class InstantFormatProperties {

    private final InstantFormat format = new InstantFormat();

    @Property(tries = 2000)
    void writesWhatInstantToStringWrites(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long second,
                                         @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                                         @ForAll @IntRange(min = 0, max = 3) int precision) {
        int rounded = switch (precision) {
            case 0 -> 0;
            case 1 -> nano / 1_000_000 * 1_000_000;
            case 2 -> nano / 1000 * 1000;
            default -> nano;
        };
        Instant t = Instant.ofEpochSecond(second, rounded);
        ByteSink out = new ByteSink(4);

        format.write(t, out);
        format.write(t.plusSeconds(1), out); // the cache must follow the second
        format.write(t, out);

        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
                .isEqualTo(t + "" + t.plusSeconds(1) + t);
    }

    @Property(tries = 200)
    void fallsBackOutsideFourDigitYears(@ForAll @LongRange(min = 253_402_300_800L, max = 31_556_889_864_403_199L) long second) {
        ByteSink out = new ByteSink(4);
        format.write(Instant.ofEpochSecond(second), out);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(Instant.ofEpochSecond(second).toString());
    }
}
