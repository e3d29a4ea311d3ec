package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * No input makes the loader throw: every byte sequence, read as (possibly malformed) UTF-8 text, yields a
 * {@link ValidationReport}, and that report is coherent (a configuration exactly when there is no error; every
 * problem renders; {@code orThrow} throws only {@link InvalidConfigException}).
 *
 * <p>Plain {@code mvn test} runs this in regression mode, over the seeds in
 * {@code src/test/resources/io/portcullis/config/ConfigLoaderFuzzTestInputs/} (small valid and invalid configurations,
 * and any crash the fuzzer has found). To fuzz for real, coverage-guided, for {@code maxDuration}:
 * {@code JAZZER_FUZZ=1 mvn -B -pl config test -Dtest=ConfigLoaderFuzzTest}. A finding is written into the inputs
 * directory as a new seed, so it becomes a regression test.
 */
class ConfigLoaderFuzzTest {

    private static final ConfigLoader LOADER = ConfigLoader.withClock(Clock.fixed(Instant.parse("2026-03-11T10:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "20s")
    void loaderReturnsAReportForAnyInput(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);

        ValidationReport report = LOADER.loadString(yaml, "fuzz.yaml");

        assertThat(report).isNotNull();
        assertThat(report.valid()).isEqualTo(report.errors().isEmpty());
        assertThat(report.errors().size() + report.warnings().size()).isEqualTo(report.problems().size());
        report.problems().forEach(p -> assertThat(p.toString()).isNotEmpty());
        if (report.valid()) {
            assertThat(report.orThrow()).isNotNull();
        } else {
            assertThatThrownBy(report::orThrow).isInstanceOf(InvalidConfigException.class);
        }
    }
}
