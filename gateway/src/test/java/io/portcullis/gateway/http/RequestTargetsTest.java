package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which target a request means to routes, policy, limits, the audit record and the upstream alike. */
class RequestTargetsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/orders/42               | /orders/42",
            "/orders/42?x=1&y=%20     | /orders/42?x=1&y=%20",
            "/                        | /",
            "http://api/orders?x=1    | /orders?x=1",
            "https://api:8443         | /",
            "http://api?x=1           | /?x=1",
            "/a.b/..c/.d/...          | /a.b/..c/.d/...",
            "/a/                      | /a/"})
    void keepsATargetThatIsAlreadyNormal(String target, String normalized) {
        assertThat(RequestTargets.normalize(target)).isEqualTo(normalized);
    }

    @Test
    void returnsAPlainOriginFormTargetWithoutCopyingIt() {
        String target = "/orders/42?x=1";
        assertThat(RequestTargets.normalize(target)).isSameAs(target);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/%61dmin/x               | /admin/x",
            "/adm%69n/x               | /admin/x",
            "/ADM%49N/x               | /ADMIN/x",
            "/%7euser/%2d%2E%5f       | /~user/-._",
            "/a%20b/%3b%3F            | /a%20b/%3B%3F",
            "/%2561dmin               | /%2561dmin",
            "/a/./b                   | /a/b",
            "/a/../b                  | /b",
            "/a/b/..                  | /a/",
            "/a/b/.                   | /a/b/",
            "/a/%2e%2E/b              | /b",
            "/a/.%2e/b                | /b",
            "/a//b                    | /a/b",
            "//a///b//                | /a/b/",
            "/a//../b                 | /a/b",
            "/.                       | /",
            "/./                      | /",
            "/a/..?x=/../%2e          | /?x=/../%2e",
            "/x/%2E%2E/admin?q=%61    | /admin?q=%61",
            "http://api/a/../b        | /b"})
    void normalizesEverySpellingOfAPathToOne(String target, String normalized) {
        assertThat(RequestTargets.normalize(target)).isEqualTo(normalized);
        assertThat(RequestTargets.refusal(target)).isNull();
        assertThat(RequestTargets.normalize(normalized)).as("normalizing twice changes nothing").isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "''              | request target is not an origin-form path",
            "*               | request target is not an origin-form path",
            "orders          | request target is not an origin-form path",
            "http://         | absolute request target without a host",
            "http:///orders  | absolute request target without a host",
            "https://:443/x  | absolute request target without a host",
            "/a#frag         | request target has a fragment",
            "/a\\b           | request path has a backslash",
            "/a%2Fb          | request path encodes a '/', '\\' or NUL",
            "/a%2fb          | request path encodes a '/', '\\' or NUL",
            "/a%5cb          | request path encodes a '/', '\\' or NUL",
            "/a%00           | request path encodes a '/', '\\' or NUL",
            "/a%             | request path has a '%' not followed by two hex digits",
            "/a%4            | request path has a '%' not followed by two hex digits",
            "/a%zz           | request path has a '%' not followed by two hex digits",
            "/..             | request path climbs above the root with '..'",
            "/a/../..        | request path climbs above the root with '..'",
            "/a/../../admin  | request path climbs above the root with '..'",
            "/%2e%2e/admin   | request path climbs above the root with '..'"})
    void refusesATargetWhoseMeaningUpstreamsDisagreeOn(String target, String why) {
        assertThat(RequestTargets.normalize(target)).isNull();
        assertThat(RequestTargets.refusal(target)).isEqualTo(why);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/a b", "/a\tb", "/a\r\nb", "/a\u007fb", "/caf\u00e9", "/a?b c"})
    void refusesABytePastVisibleAscii(String target) {
        assertThat(RequestTargets.refusal(target)).isEqualTo("request target has a byte outside visible ASCII");
    }

    @Test
    void keepsTheQueryByteForByte() {
        assertThat(RequestTargets.normalize("/a/./b?%61=%2F&x=/../")).isEqualTo("/a/b?%61=%2F&x=/../");
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "''    | /orders?x=1           | /orders?x=1",
            "/v1   | /orders?x=1           | /v1/orders?x=1"})
    void sendsTheNormalizedTargetUpstreamAfterTheBasePath(String base, String normalized, String upstream) {
        assertThat(RequestTargets.upstreamTarget(base, normalized)).isEqualTo(upstream);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/orders?x=1           | /orders?x=1",
            "http://api/orders?x=1 | /orders?x=1",
            "http://api            | /",
            "/a/../b               | /a/../b"})
    void recordsARefusedTargetInOriginFormAsItArrived(String target, String origin) {
        assertThat(RequestTargets.originForm(target)).isEqualTo(origin);
    }

    @Test
    void readsThePathOfANormalizedTarget() {
        assertThat(RequestTargets.path("/a/b?x=1")).isEqualTo("/a/b");
        assertThat(RequestTargets.path("/a/b")).isEqualTo("/a/b");
    }
}
