package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields living documentation reads ({@code purpose}, {@code owner}, {@code justification}, {@code exception})
 * are parsed into the model, and an exception that lacks its justification or expiry is a warning placed at its
 * file, line and column (docs/living-docs.md).
 */
class DocumentationFieldsTest {

    private static final String HEAD = """
            accounts: [{id: "111111111111", name: a}]
            vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
            securityGroups:
              - id: sg-api
                account: "111111111111"
                vpc: vpc-a
                purpose: the boundary of the orders API
                ingress:
            """;

    private static final String API = """
            apis:
              - {name: orders, account: "111111111111", vpc: vpc-a, listen: "127.0.0.1:8443", securityGroups: [sg-api],
                 purpose: takes orders, owner: desk@example.com}
            """;

    private final ConfigLoader loader = ConfigLoader.create();

    @Test
    void purposeOwnerAndJustificationAreRead() {
        ValidationReport r = loader.loadString(HEAD + """
                      - {protocol: tcp, ports: 8443, from: {group: sg-c}, justification: traders place orders,
                         exception: true, expires: "2030-01-01T00:00:00Z"}
                  - {id: sg-c, account: "111111111111", vpc: vpc-a}
                """ + API, "");

        assertThat(r.problems()).isEmpty();
        PortcullisConfig c = r.orThrow();
        assertThat(c.securityGroups().get(0).purpose()).isEqualTo("the boundary of the orders API");
        IngressRule rule = c.securityGroups().get(0).ingress().get(0);
        assertThat(rule.justification()).isEqualTo("traders place orders");
        assertThat(rule.exception()).isTrue();
        assertThat(rule.isException()).isTrue();
        assertThat(rule.expires()).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(c.apis().get(0).purpose()).isEqualTo("takes orders");
        assertThat(c.apis().get(0).owner()).isEqualTo("desk@example.com");
    }

    @Test
    void anExceptionWithoutJustificationOrExpiryWarnsAtItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("groups.yaml");
        Files.writeString(file, HEAD + """
                      - {protocol: tcp, ports: 8443, from: {group: sg-c}, exception: true}
                      - {protocol: tcp, ports: 8443, from: {cidr: 10.1.9.0/24}, expires: "2030-01-01T00:00:00Z"}
                      - {protocol: tcp, ports: 8443, from: {cidr: 10.1.8.0/24}, justification: plain rule}
                  - {id: sg-c, account: "111111111111", vpc: vpc-a}
                """ + API);

        ValidationReport r = loader.load(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::toString).containsExactly(
                file + ":9:9: securityGroups[0](sg-api).ingress[0]: an exception (exception: true) without a justification "
                        + "(expected: justification: why this access is allowed)",
                file + ":9:59: securityGroups[0](sg-api).ingress[0].exception: an exception without an expiry (expected: "
                        + "expires: the instant it ends, such as 2027-03-31T00:00:00Z)",
                file + ":10:9: securityGroups[0](sg-api).ingress[1]: an exception (it expires) without a justification "
                        + "(expected: justification: why this access is allowed)");
    }

    @Test
    void exceptionMustBeABoolean() {
        ValidationReport r = loader.loadString(HEAD + """
                      - {protocol: tcp, ports: 8443, from: {group: sg-c}, exception: sometimes}
                  - {id: sg-c, account: "111111111111", vpc: vpc-a}
                """ + API, "");

        assertThat(r.errors()).extracting(ConfigValidationTest::brief).singleElement().asString()
                .startsWith("securityGroups[0].ingress[0].exception");
    }
}
