package io.portcullis.gateway.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The oracle says what the path contract says: the test's own reading of it, checked on worked examples. */
class PathOracleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /public/x              | /public/x
        /%61dmin/x             | /admin/x
        /adm%69n/x             | /admin/x
        /ADMIN/x               | /ADMIN/x
        /public/../admin/x     | /admin/x
        /public/%2e%2e/admin/x | /admin/x
        //admin/x              | /admin/x
        /admin//x              | /admin/x
        /admin/./x             | /admin/x
        /%2561dmin/x           | /%2561dmin/x
        /a%7e%7E%2d%5F%41%30   | /a~~-_A0
        /a%3a%c3%a9%20%25      | /a%3A%C3%A9%20%25
        /a/b/..                | /a/
        /a/b/.                 | /a/b/
        /a/..                  | /
        /.                     | /
        /a/%2e                 | /a/
        //..                   | /
        /x?q=/../%2f%zz\\      | /x?q=/../%2f%zz\\
        /a/./b/../c?x=..       | /a/c?x=..
        """)
    void normalizes(String target, String normalized) {
        assertThat(PathOracle.normalize(target).target()).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /admin%2fx      | encoded slash, backslash or NUL
        /admin%2Fx      | encoded slash, backslash or NUL
        /admin%5cx      | encoded slash, backslash or NUL
        /admin%00x      | encoded slash, backslash or NUL
        /admin\\x       | backslash
        /..             | '..' above the root
        /a/../../admin  | '..' above the root
        /%2e%2e         | '..' above the root
        /a%             | % not followed by two hex digits
        /a%4            | % not followed by two hex digits
        /a%zz           | % not followed by two hex digits
        /a b            | byte outside visible ASCII
        /caf\u00e9      | byte outside visible ASCII
        admin           | not an origin-form path
        """)
    void refuses(String target, String why) {
        assertThat(PathOracle.normalize(target).refusal()).isEqualTo(why);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /%61dmin/x          | /admin/x
        /%2561dmin/x        | /%61dmin/x
        /public/%2e%2e/admin | /admin
        /admin\\x           | /admin/x
        /../admin           | /admin
        """)
    void aLenientUpstreamDecodesOnceAndNormalizes(String target, String path) {
        assertThat(PathOracle.lenientUpstreamPath(target)).isEqualTo(path);
    }
}
