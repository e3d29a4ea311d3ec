package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the policy parser: whatever the input, it returns a valid document or errors with a
 * position inside the text, and never throws. Runs its seed corpus in every {@code mvn test}; fuzz it for 20 s
 * with {@code JAZZER_FUZZ=1 mvn -pl policy test -Dtest=PolicyParserFuzzTest}.
 */
class PolicyParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parserReturnsAResultForAnyInput(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ParseResult r = PolicyParser.parse(text);
        if (r instanceof ParseResult.Invalid bad) {
            for (PolicyError e : bad.errors()) {
                assertThat(e.line()).isBetween(1, (int) text.lines().count() + 1);
                assertThat(e.column()).isPositive();
                assertThat(e.pointer()).satisfiesAnyOf(p -> assertThat(p).isEmpty(), p -> assertThat(p).startsWith("/"));
            }
        } else {
            // A valid document compiles (with an API for the shorthand) and evaluates without throwing.
            PolicySet set = PolicySet.compile(java.util.List.of(r.orThrow()), Fixtures.API);
            set.evaluate(Fixtures.anonymous().put("aws:SourceIp", "10.0.0.1").build());
        }
    }
}
