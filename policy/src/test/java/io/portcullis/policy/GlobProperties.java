package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** The compiled wildcard matcher agrees with a straightforward regular-expression translation of the pattern. */
class GlobProperties {

    private static boolean reference(String pattern, String s, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags).matcher(s).matches();
    }

    @Property(tries = 2000)
    void globMatchesExactlyWhatTheRegexReferenceMatches(
            @ForAll @StringLength(max = 6) @CharRange(from = '*', to = '*') @CharRange(from = '?', to = '?') @CharRange(from = 'a', to = 'b') @CharRange(from = 'A', to = 'A') String pattern,
            @ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'b') @CharRange(from = 'A', to = 'B') String input,
            @ForAll boolean ignoreCase) {
        assertThat(Glob.of(pattern, ignoreCase).matches(input)).isEqualTo(reference(pattern, input, ignoreCase));
    }

    @Property(tries = 500)
    void matchingARegionEqualsMatchingTheSubstring(
            @ForAll @StringLength(max = 5) @CharRange(from = '*', to = '*') @CharRange(from = 'a', to = 'b') String pattern,
            @ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'c') String input) {
        String wrapped = "::" + input + "::";
        assertThat(Glob.of(pattern, false).matches(wrapped, 2, 2 + input.length())).isEqualTo(Glob.of(pattern, false).matches(input));
    }
}
