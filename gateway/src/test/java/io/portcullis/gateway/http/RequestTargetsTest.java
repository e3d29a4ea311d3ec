package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which path a request target means to routes and upstream alike, and which targets are refused instead. */
class RequestTargetsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/orders/42               | /orders/42",
            "/orders/42?x=1&y=%20     | /orders/42",
            "/                        | /",
            "http://api/orders?x=1    | /orders",
            "https://api:8443         | /",
            "/a.b/..c/.d              | /a.b/..c/.d"})
    void readsThePathOfAnOriginOrAbsoluteFormTarget(String target, String path) {
        assertThat(RequestTargets.path(target)).isEqualTo(path);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "*", "orders", "http://", "http:///orders", "https://:443/orders", "/a/../b", "/a/./b",
            "/a/..", "/a//b", "/a\\b", "/a%2Fb", "/a%2e%2e/b", "/a%5cb", "/a%00", "/a#frag", "/a b", "/a\tb",
            "/a\r\nb", "/a\u007fb", "/caf\u00e9"})
    void refusesATargetWhoseMeaningIsNotPlain(String target) {
        assertThat(RequestTargets.path(target)).isNull();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "''    | /orders?x=1           | /orders?x=1",
            "/v1   | /orders?x=1           | /v1/orders?x=1",
            "''    | http://api/orders?x=1 | /orders?x=1",
            "''    | http://api            | /"})
    void sendsTheTargetUpstreamInOriginFormAfterTheBasePath(String base, String target, String upstream) {
        assertThat(RequestTargets.upstreamTarget(base, target)).isEqualTo(upstream);
    }
}
