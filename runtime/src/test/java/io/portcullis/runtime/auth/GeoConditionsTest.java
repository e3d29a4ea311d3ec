package io.portcullis.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.runtime.geo.GeoLocator;
import io.portcullis.testing.TestData;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The location keys in a compiled resource policy, as IAM treats keys: present with the database's value, absent
 * (so {@code ...IfExists} and {@code Null} hold) when the database does not list the address. Real test
 * databases, real compiled policy; only the request is built directly.
 */
class GeoConditionsTest {

    private static final GeoLocator GEO = GeoLocator.open(new GeoConfig(
            Optional.of(TestData.path("geoip/GeoIP2-Country-Test.mmdb")),
            Optional.of(TestData.path("geoip/GeoIP2-Anonymous-IP-Test.mmdb")), Duration.ofMinutes(1)));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"StringEquals": {"portcullis:SourceCountry": "GB"}}                  | 81.2.69.160   | true
            {"StringEquals": {"portcullis:SourceCountry": "GB"}}                  | 89.160.20.112 | false
            {"StringEquals": {"portcullis:SourceCountry": "GB"}}                  | 192.0.2.10    | false
            {"StringNotEquals": {"portcullis:SourceCountry": "GB"}}               | 192.0.2.10    | true
            {"StringEqualsIfExists": {"portcullis:SourceCountry": "GB"}}          | 192.0.2.10    | true
            {"StringEqualsIfExists": {"portcullis:SourceCountry": "GB"}}          | 89.160.20.112 | false
            {"Null": {"portcullis:SourceCountry": "true"}}                        | 192.0.2.10    | true
            {"Null": {"portcullis:SourceCountry": "true"}}                        | 2001:218::1   | false
            {"StringEquals": {"portcullis:SourceCountry": "JP"}}                  | 2001:218::1   | true
            {"StringEquals": {"portcullis:SourceContinent": "EU"}}                | 89.160.20.112 | true
            {"StringEquals": {"portcullis:SourceContinent": "EU"}}                | 216.160.83.56 | false
            {"Bool": {"portcullis:SourceAnonymous": "true"}}                      | 81.2.69.160   | true
            {"Bool": {"portcullis:SourceAnonymous": "false"}}                     | 89.160.20.112 | false
            {"BoolIfExists": {"portcullis:SourceAnonymous": "false"}}             | 89.160.20.112 | true
            {"Null": {"portcullis:SourceAnonymous": "true"}}                      | 89.160.20.112 | true
            {"Bool": {"portcullis:SourceTorExitNode": "true"}}                    | 1.124.213.1   | true
            {"Bool": {"portcullis:SourceTorExitNode": "false"}}                   | 1.2.0.1       | true
            {"Bool": {"portcullis:SourceAnonymousVpn": "true"}}                   | 1.2.0.1       | true
            {"Bool": {"portcullis:SourceHostingProvider": "true"}}                | 71.160.223.9  | true
            {"Bool": {"portcullis:SourceHostingProvider": "true"}}                | 1.2.0.1       | false
            {"Bool": {"portcullis:SourcePublicProxy": "true"}}                    | 2001:480:3a::1 | true
            {"Bool": {"portcullis:SourceResidentialProxy": "true"}}               | 6.1.0.4       | true
            {"Bool": {"portcullis:SourceResidentialProxy": "true"}}               | 6.1.0.3       | false
            """)
    void aLocationConditionHoldsAsIamWouldHoldIt(String condition, String address, boolean allowed) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: a}]
                vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
                securityGroups:
                  - {id: sg-api, account: "111111111111", vpc: vpc-a, ingress: [{protocol: tcp, ports: 443, from: {cidr: 0.0.0.0/0}}]}
                apis:
                  - name: edge
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "0.0.0.0:443"
                    securityGroups: [sg-api]
                    resourcePolicy: {"Version": "2012-10-17", "Statement": [{"Sid": "Where", "Effect": "Allow",
                      "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": %s}]}
                """.formatted(condition));
        PortcullisConfig config = ConfigLoader.create().load(file).config().orElseThrow();
        try (Authorizers authorizers = new Authorizers()) {
            authorizers.geo(GEO);
            List<String> problems = new ArrayList<>();
            ApiAuthorizer authorizer = authorizers.build(config.apis().get(0), 0, new HashMap<>(), problems);
            assertThat(problems).isEmpty();
            Source source = new Source("", "", InetAddress.getByName(address), "", "", List.of());
            Authorization a = authorizer.authorize(new RequestFacts("r1", "edge", null, "GET", "/x", new DefaultHttpHeaders(),
                    source, null, false, "HTTP/1.1", Instant.parse("2026-12-07T07:00:00Z")));
            assertThat(a.allowed()).isEqualTo(allowed);
            assertThat(a.decision().detail()).as("the databases that answered are named when one did")
                    .satisfiesAnyOf(d -> assertThat(d).contains("GeoIP2-"), d -> assertThat(address).isEqualTo("192.0.2.10"));
        }
    }
}
