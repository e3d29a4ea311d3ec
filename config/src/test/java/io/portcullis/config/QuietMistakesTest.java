package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configurations that load but do not do what they say: a route that an earlier one makes unreachable, a schedule
 * in a fixed-offset zone. Each is a warning placed at the line and column it was written at.
 */
class QuietMistakesTest {

    private static final String NETWORK = ServingConfigTest.NETWORK;

    private final ConfigLoader loader = ConfigLoader.create();

    private List<String> warnings(String routes) {
        ValidationReport r = loader.loadString(NETWORK + """
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "127.0.0.1:8443"
                    securityGroups: [sg-api]
                    routes:
                """ + routes, "");
        assertThat(r.errors()).isEmpty();
        return r.warnings().stream().map(ConfigValidationTest::brief).toList();
    }

    @Test
    void twoRoutesWithTheSamePathWarnAtTheSecondOnesPathLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("apis.yaml");
        Files.writeString(file, NETWORK + """
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "127.0.0.1:8443"
                    securityGroups: [sg-api]
                    routes:
                      - {path: /orders, methods: [GET]}
                      - {path: /orders, methods: [POST]}
                """);

        ValidationReport r = loader.load(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::toString).containsExactly(file + ":14:10: apis[0](orders).routes[1].path: "
                + "unreachable: routes[0] has the same path '/orders', and the first route whose path matches takes the "
                + "request whatever its method; POST is refused with 405 by routes[0] (expected: the narrower route first, "
                + "or one route per path with all its methods)");
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', value = {
            "/orders/** | /orders/* | [GET] | [GET] | unreachable: routes[0] ('/orders/**') matches every path '/orders/*' matches, and the first route whose path matches takes the request whatever its method (expected",
            "/orders/* | /orders/42 | [GET] | [] | unreachable: routes[0] ('/orders/*') matches every path '/orders/42' matches, and the first route whose path matches takes the request whatever its method; every method routes[0] does not list is refused with 405 (expected",
            "/** | /health | [] | [GET, HEAD] | unreachable: routes[0] ('/**') matches every path '/health' matches, and the first route whose path matches takes the request whatever its method (expected",
            "/a/** | /a | [GET] | [GET, PUT, DELETE] | unreachable: routes[0] ('/a/**') matches every path '/a' matches, and the first route whose path matches takes the request whatever its method; DELETE, PUT are refused with 405 by routes[0] (expected",
    })
    void anEarlierBroaderRouteMakesALaterOneUnreachable(String first, String second, String firstMethods, String secondMethods,
                                                        String warning) {
        assertThat(warnings("      - {path: \"" + first + "\", methods: " + firstMethods + "}\n"
                + "      - {path: \"" + second + "\", methods: " + secondMethods + "}\n"))
                .singleElement().asString().startsWith("apis[0].routes[1].path: " + warning);
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', value = {
            "/orders/* | /orders/**", "/orders/* | /orders/", "/orders | /orders/**", "/orders/*/items | /orders/42/*",
            "/a/b | /a/*", "/ | /**",
    })
    void aNarrowerRouteFirstOrRoutesThatOnlyOverlapAreFine(String first, String second) {
        assertThat(warnings("      - {path: \"" + first + "\"}\n      - {path: \"" + second + "\"}\n")).isEmpty();
    }

    @Test
    void warnsOnceForAShadowedRouteNamingTheFirstRouteThatShadowsIt() {
        assertThat(warnings("      - {path: /a/**}\n      - {path: /a/*}\n      - {path: /a/b}\n"))
                .containsExactly("apis[0].routes[1].path: unreachable: routes[0] ('/a/**') matches every path '/a/*' matches, "
                                + "and the first route whose path matches takes the request whatever its method (expected: the "
                                + "narrower route first, or one route per path with all its methods)",
                        "apis[0].routes[2].path: unreachable: routes[0] ('/a/**') matches every path '/a/b' matches, "
                                + "and the first route whose path matches takes the request whatever its method (expected: the "
                                + "narrower route first, or one route per path with all its methods)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GMT+1 | 'GMT+1' is a fixed offset, UTC+01:00 all year: the window does not follow daylight saving (expected: a region id such as Europe/Paris, whose clock does; or Etc/GMT-1 if a fixed offset is meant)",
            "'+01:00' | '+01:00' is a fixed offset, UTC+01:00 all year: the window does not follow daylight saving (expected: a region id such as Europe/Paris, whose clock does; or Etc/GMT-1 if a fixed offset is meant)",
            "UTC+1 | 'UTC+1' is a fixed offset, UTC+01:00 all year: the window does not follow daylight saving (expected: a region id such as Europe/Paris, whose clock does; or Etc/GMT-1 if a fixed offset is meant)",
            "UTC-05:00 | 'UTC-05:00' is a fixed offset, UTC-05:00 all year: the window does not follow daylight saving (expected: a region id such as America/New_York, whose clock does; or Etc/GMT+5 if a fixed offset is meant)",
            "'+05:45' | '+05:45' is a fixed offset, UTC+05:45 all year: the window does not follow daylight saving (expected: a region id (Area/City), whose clock does)",
    })
    void aFixedOffsetZoneInAScheduleIsAWarning(String zone, String warning) {
        String yaml = NETWORK.replace("from: {group: sg-c}}", "from: {group: sg-c}, schedule: {from: \"08:00\", to: \"18:00\", zone: "
                + zone + "}}") + "apis:\n  - {name: orders, account: \"111111111111\", vpc: vpc-a, listen: \"127.0.0.1:8443\", "
                + "securityGroups: [sg-api], routes: [{path: /admin, requires: {window: {from: \"09:00\", to: \"17:00\", zone: "
                + zone + "}}}]}\n";
        ValidationReport r = loader.loadString(yaml, "");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(ConfigValidationTest::brief).containsExactly(
                "securityGroups[0].ingress[0].schedule.zone: " + warning,
                "apis[0].routes[0].requires.window.zone: " + warning);
    }

    @ParameterizedTest
    @CsvSource({"Europe/Paris", "UTC", "Z", "GMT", "Etc/GMT-1", "America/New_York"})
    void regionIdsUtcAndExplicitEtcOffsetsAreTakenAsMeant(String zone) {
        String yaml = NETWORK.replace("from: {group: sg-c}}", "from: {group: sg-c}, schedule: {from: \"08:00\", to: \"18:00\", zone: "
                + zone + "}}");
        ValidationReport r = loader.loadString(yaml, "");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }
}
