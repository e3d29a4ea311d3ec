package io.portcullis.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.Problem;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code validate} says of the {@code geo} section and of the conditions that read it. */
class GeoPlanTest {

    private static final Path COUNTRY = TestData.path("geoip/GeoIP2-Country-Test.mmdb");
    private static final Path ANONYMOUS = TestData.path("geoip/GeoIP2-Anonymous-IP-Test.mmdb");

    @TempDir
    Path dir;

    private final PlanCompiler compiler = PlanCompiler.create();

    @AfterEach
    void close() {
        compiler.close();
    }

    private Compilation compile(String geo, String requires, String condition) throws IOException {
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: edge}]
                vpcs: [{id: vpc-edge, account: "111111111111", cidrs: [10.20.0.0/16]}]
                securityGroups:
                  - id: sg-api
                    account: "111111111111"
                    vpc: vpc-edge
                    ingress: [{protocol: tcp, ports: 8443, from: {cidr: 0.0.0.0/0}}]
                %s
                apis:
                  - name: edge
                    account: "111111111111"
                    vpc: vpc-edge
                    listen: "127.0.0.1:8443"
                    securityGroups: [sg-api]
                    upstream: "http://127.0.0.1:9"
                    routes: [{path: "/eu/**", requires: %s}]
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Sid: DenyOutside, Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                           Condition: {StringNotEquals: {"aws:SourceVpc": vpc-edge}}}
                        - {Sid: Where, Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                           Condition: %s}
                """.formatted(geo, requires, condition));
        return compiler.compile(List.of(file));
    }

    @Test
    void aServableGeoSectionCompilesWithoutFindings() throws IOException {
        Compilation c = compile("geo: {country: %s, anonymousIp: %s}".formatted(COUNTRY, ANONYMOUS),
                "{countries: [GB, SE], notAnonymous: true}",
                "{StringEquals: {\"portcullis:SourceCountry\": [GB, XK]}, BoolIfExists: {\"portcullis:SourceTorExitNode\": \"false\"}}");
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).isEmpty();
        Plan plan = c.plan().orElseThrow();
        assertThat(plan.node().geo().databases().locationInfo().orElseThrow().type()).isEqualTo("GeoIP2-Country");
        compiler.discard(plan);
    }

    @Test
    void aDatabaseOfTheWrongKindIsAnErrorAtTheLineThatNamesIt() throws IOException {
        Compilation c = compile("geo: {country: %s}".formatted(ANONYMOUS), "{countries: [GB]}", "{}");
        assertThat(c.errors()).extracting(Problem::path).contains("geo.country");
        assertThat(c.errors()).filteredOn(p -> p.path().equals("geo.country")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(8))
                .extracting(Problem::message).asString()
                .isEqualTo("'" + ANONYMOUS + "' is a GeoIP2-Anonymous-IP database (expected: a GeoIP2 or GeoLite2 "
                        + "Country or City database)");
    }

    @Test
    void aRouteRequirementWithoutItsDatabaseIsAnError() throws IOException {
        Compilation c = compile("geo: {country: %s}".formatted(COUNTRY), "{countries: [GB], notAnonymous: true}", "{}");
        assertThat(c.errorLines()).singleElement().asString()
                .contains("apis[0](edge).routes[0].requires.notAnonymous: no geo.anonymousIp database (expected: a geo "
                        + "section with anonymousIp, the database anonymous networks are read from)");
        Compilation none = compile("", "{countries: [GB]}", "{}");
        assertThat(none.errorLines()).singleElement().asString()
                .contains("apis[0](edge).routes[0].requires.countries: no geo.country database");
    }

    @Test
    void aCountryCodeInLowerCaseIsAnErrorAndOneThatDoesNotExistAWarning() throws IOException {
        Compilation lower = compile("geo: {country: %s}".formatted(COUNTRY), "{countries: [gb]}", "{}");
        assertThat(lower.errorLines()).singleElement().asString().contains("routes[0].requires.countries[0]: 'gb' "
                + "(expected: an ISO 3166-1 alpha-2 country code in upper case, such as GB)");

        Compilation c = compile("geo: {country: %s}".formatted(COUNTRY), "{countries: [GB, UK]}",
                "{StringEquals: {\"portcullis:SourceCountry\": [UK, GB]}, Bool: {\"portcullis:SourceAnonymous\": \"false\"}}");
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).extracting(Problem::message).map(String::valueOf)
                .anySatisfy(m -> assertThat(m).contains("'UK' is not an ISO 3166-1 country code: no address is ever in it"))
                .anySatisfy(m -> assertThat(m).contains("Statement[1] StringEquals portcullis:SourceCountry: 'UK' is not"))
                .anySatisfy(m -> assertThat(m).contains("Statement[1] Bool portcullis:SourceAnonymous: no geo.anonymousIp "
                        + "database, so the key is always absent"));
        compiler.discard(c.plan().orElseThrow());
    }

    @Test
    void aGeoSectionNamingNoDatabaseIsAnError() throws IOException {
        Compilation c = compile("geo: {refresh: 5m}", "{}", "{}");
        assertThat(c.errorLines()).singleElement().asString().contains("geo: needs country or anonymousIp");
    }
}
