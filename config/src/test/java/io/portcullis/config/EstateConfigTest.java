package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an imported AWS estate adds to the configuration: API Gateway APIs ({@code awsApis[]}), execute-api
 * endpoints with their groups and policy, regions and tags. Each invalid value gets one precise error.
 */
class EstateConfigTest {

    private static final String ESTATE = """
            accounts:
              - {id: "111111111111", name: api-owner, tags: {tier: prod}}
              - {id: "222222222222", name: consumer}
            vpcs:
              - {id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16], region: us-east-1, tags: {Name: core}}
              - {id: vpc-b, account: "222222222222", cidrs: [10.2.0.0/16], region: us-east-1}
            securityGroups:
              - {id: sg-vpce, account: "222222222222", vpc: vpc-b, ingress: [{protocol: tcp, ports: 443, from: {group: sg-app}}]}
              - {id: sg-app, account: "222222222222", vpc: vpc-b}
            vpcEndpoints:
              - id: vpce-0b1
                vpc: vpc-b
                account: "222222222222"
                service: com.amazonaws.us-east-1.execute-api
                securityGroups: [sg-vpce]
                policy:
                  Statement: [{Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "*"}]
              - {id: vpce-legacy, vpc: vpc-a}
            awsApis:
              - id: a1b2c3d4e5
                name: payments
                account: "111111111111"
                region: us-east-1
                endpointTypes: [PRIVATE]
                vpcEndpointIds: [vpce-0b1, vpce-elsewhere]
                stages: [prod]
                tags: {data: billing}
                resourcePolicy:
                  Version: "2012-10-17"
                  Statement:
                    - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
            """;

    @TempDir
    Path dir;
    private final ConfigLoader loader = ConfigLoader.withClock(Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));

    private ValidationReport load(String yaml) throws IOException {
        Path f = dir.resolve("estate.yaml");
        Files.writeString(f, yaml);
        return loader.load(f);
    }

    @Test
    void anEstateLoadsWithEndpointsApisRegionsAndTags() throws IOException {
        ValidationReport r = load(ESTATE);
        assertThat(r.problems()).isEmpty();
        PortcullisConfig c = r.config().orElseThrow();
        assertThat(c.accounts().get(0).tags()).isEqualTo(Map.of("tier", "prod"));
        assertThat(c.vpcs().get(0).region()).isEqualTo("us-east-1");
        VpcEndpoint e = c.vpcEndpoints().get(0);
        assertThat(e.executeApi()).isTrue();
        assertThat(e.securityGroups()).containsExactly(new GroupRef("222222222222", "sg-vpce"));
        assertThat(e.policy()).isPresent();
        assertThat(c.vpcEndpoints().get(1).account()).as("an endpoint's account defaults to its VPC's").isEqualTo("111111111111");
        assertThat(c.vpcEndpoints().get(1).executeApi()).isFalse();
        AwsApi api = c.awsApis().get(0);
        assertThat(api.isPrivate()).isTrue();
        assertThat(api.arn()).isEqualTo("arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5");
        assertThat(api.vpcEndpointIds()).containsExactly("vpce-0b1", "vpce-elsewhere");
        assertThat(api.resourcePolicy().orElseThrow().json()).contains("execute-api:Invoke");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            id: a1b2c3d4e5|id: A1B2|awsApis[0].id: 'A1B2' (expected: an API Gateway REST API id, 10 lower-case letters and digits)
            region: us-east-1\\n    endpointTypes|region: east\\n    endpointTypes|awsApis[0].region: 'east' (expected: an AWS region, like us-east-1)
            endpointTypes: [PRIVATE]|endpointTypes: [INTERNAL]|awsApis[0].endpointTypes[0]: 'INTERNAL' (expected: one of [PRIVATE, REGIONAL, EDGE])
            endpointTypes: [PRIVATE]|endpointTypes: []|awsApis[0].endpointTypes: missing or empty (expected: one of [PRIVATE, REGIONAL, EDGE])
            vpce-elsewhere|endpoint-elsewhere|awsApis[0].vpcEndpointIds[1]: 'endpoint-elsewhere' (expected: a VPC endpoint id, vpce-...)
            account: "111111111111"\\n    region|account: "999999999999"\\n    region|awsApis[0].account: unknown account '999999999999' (expected: an id declared under accounts)
            securityGroups: [sg-vpce]|securityGroups: [sg-app, sg-nope]|vpcEndpoints[0].securityGroups[1]: unknown group '222222222222/sg-nope' (expected: a declared group in vpc-b)
            service: com.amazonaws.us-east-1.execute-api|region: x|vpcEndpoints[0].region: unknown key 'region' (expected one of: account, id, policy, securityGroups, service, tags, vpc)
            """)
    void eachInvalidValueGetsOnePreciseError(String from, String to, String expected) throws IOException {
        String f = from.replace("\\n", "\n"), t = to.replace("\\n", "\n");
        assertThat(ESTATE).contains(f);
        ValidationReport r = load(ESTATE.replace(f, t));
        assertThat(r.errors().stream().map(p -> p.path() + ": " + p.message()).toList()).containsExactly(expected);
    }

    @Test
    void endpointGroupsNeedTheEndpointsAccount() throws IOException {
        ValidationReport r = load(ESTATE.replace("    account: \"222222222222\"\n    service", "    service"));
        assertThat(r.errors()).hasSize(1);
        assertThat(r.errors().get(0).message()).contains("no 'account' on the endpoint");
        r = load(ESTATE.replace("    account: \"222222222222\"\n    service", "    service").replace("[sg-vpce]", "[\"222222222222/sg-vpce\"]"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().orElseThrow().vpcEndpoints().get(0).account()).isEqualTo("222222222222");
    }

    @Test
    void theDigestChangesWithWhatTheAnalysisReads() throws IOException {
        String base = load(ESTATE).config().map(c -> io.portcullis.config.digest.PlanDigest.of(c).toString()).orElseThrow();
        for (String[] change : List.of(
                new String[] {"[PRIVATE]", "[REGIONAL]"},
                new String[] {"Resource: \"execute-api:/*\"}", "Resource: \"execute-api:/prod/*\"}"},
                new String[] {"securityGroups: [sg-vpce]", "securityGroups: [sg-app]"},
                new String[] {"Action: \"execute-api:Invoke\", Resource: \"*\"", "Action: \"execute-api:*\", Resource: \"*\""})) {
            assertThat(ESTATE).contains(change[0]);
            String other = load(ESTATE.replace(change[0], change[1])).config()
                    .map(c -> io.portcullis.config.digest.PlanDigest.of(c).toString()).orElseThrow();
            assertThat(other).as(change[0] + " → " + change[1]).isNotEqualTo(base);
        }
        String reordered = load(ESTATE.replace("vpcEndpointIds: [vpce-0b1, vpce-elsewhere]", "vpcEndpointIds: [vpce-elsewhere, vpce-0b1]"))
                .config().map(c -> io.portcullis.config.digest.PlanDigest.of(c).toString()).orElseThrow();
        assertThat(reordered).isEqualTo(base);
    }
}
