package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.settings.RoutePatterns;
import io.portcullis.settings.RouteSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code validate} calls a route unreachable when {@link RoutePatterns#covers} says an earlier pattern matches every
 * path it matches; that is only true if it agrees with what the {@link Router} matches. Checked exhaustively over
 * patterns of up to three segments (literals, an empty segment, {@code *}, with and without {@code /**}) and every
 * path of up to four segments over the same literals and one other ("c" stands for any literal no pattern names).
 */
class RoutePatternsAgreeWithRouterTest {

    private static final List<String> PATTERN_SEGMENTS = List.of("a", "b", "*", "");
    private static final List<String> PATH_SEGMENTS = List.of("a", "b", "c", "");

    @Test
    void coversExactlyWhenTheRouterMatchesEveryPathOfTheLaterPatternWithTheEarlierOne() {
        List<String> patterns = new ArrayList<>(List.of("/", "/**"));
        for (List<String> segments : sequences(PATTERN_SEGMENTS, 3)) {
            if (!segments.isEmpty()) {
                String body = "/" + String.join("/", segments);
                patterns.add(body);
                patterns.add(body + "/**");
            }
        }
        List<String> paths = new ArrayList<>(List.of("", "/"));
        sequences(PATH_SEGMENTS, 4).stream().filter(s -> !s.isEmpty()).forEach(s -> paths.add("/" + String.join("/", s)));

        int covering = 0;
        for (String earlier : patterns) {
            Router first = new Router(List.of(RouteSettings.of(earlier)));
            for (String later : patterns) {
                Router second = new Router(List.of(RouteSettings.of(later)));
                boolean everyPath = paths.stream().allMatch(p -> second.match(p) < 0 || first.match(p) == 0);
                assertThat(RoutePatterns.covers(earlier, later)).as("%s covers %s", earlier, later).isEqualTo(everyPath);
                covering += everyPath ? 1 : 0;
            }
        }
        assertThat(covering).as("pairs where one covers the other").isGreaterThan(patterns.size());
    }

    private static List<List<String>> sequences(List<String> alphabet, int maxLength) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (int start = 0; start < out.size(); start++) {
            List<String> s = out.get(start);
            if (s.size() < maxLength) {
                for (String a : alphabet) {
                    List<String> longer = new ArrayList<>(s);
                    longer.add(a);
                    out.add(longer);
                }
            }
        }
        return out;
    }
}
