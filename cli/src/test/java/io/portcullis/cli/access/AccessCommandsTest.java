package io.portcullis.cli.access;

import io.portcullis.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessCommandsTest {



    @ParameterizedTest(name = "{0} → exit {1}")
    @CsvSource({
            "workload:trader-1, 0, member of 111111111111/sg-traders",
            "workload:legacy-gw-1, 1, near miss: 111111111111/sg-orders-api ingress[3]: expired",
            "10.10.1.10@vpc-sandbox, 1, DENY",
            "10.99.3.3@vpc-trading, 0, in pl-corp-vpn (10.99.0.0/16)",
            "group:sg-risk-engine, 0, included in 111111111111/sg-trading-clients",
    })
    void checkExitsZeroWhenAllowedAndOneWhenDenied(String from, int exit, String shown) {
        CliRun r = CliRun.of("check", "--config", "../examples/trading", "--from", from, "--to", "orders", "--at", "2026-11-23T10:00:00Z");
        assertThat(r.code()).isEqualTo(exit);
        assertThat(r.out()).contains(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--from workload:nobody --to orders|unknown workload 'nobody'",
            "--from workload:trader-1 --to nothing|unknown API 'nothing' (expected one of: analytics, orders)",
            "--from nowhere --to orders|expected: workload:ID, ADDRESS@VPC",
            "--from workload:trader-1 --to orders --protocol tcpp|'tcpp' (expected: tcp, udp, icmp, icmpv6, all, or 0-255)",
    })
    void invalidInputExitsTwoWithAPreciseMessage(String args, String message) {
        String[] base = {"check", "--config", "../examples/trading"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(args.split(" "))).toArray(String[]::new);
        CliRun r = CliRun.of(all);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }

    @ParameterizedTest
    @CsvSource({"../examples/trading, 0", "../examples/missing, 2"})
    void validateExitCodes(String path, int exit) {
        assertThat(CliRun.of("validate", path).code()).isEqualTo(exit);
    }

    @org.junit.jupiter.api.Test
    void whoCanReachListsAScheduledRuleOutsideItsWindowInsteadOfLeavingItOut() {
        CliRun outside = CliRun.of("who-can-reach", "--config", "../examples/trading", "--to", "orders",
                "--at", "2026-12-07T06:00:00Z", "--format", "json");
        assertThat(outside.out()).contains("\"subject\":\"10.99.0.0/16\"").contains("not now").contains("\"now\":false");
        CliRun inside = CliRun.of("who-can-reach", "--config", "../examples/trading", "--to", "orders",
                "--at", "2026-12-07T10:00:00Z", "--format", "json");
        assertThat(inside.out()).contains("\"subject\":\"10.99.0.0/16\"").doesNotContain("\"now\":false");
        CliRun text = CliRun.of("who-can-reach", "--config", "../examples/trading", "--to", "orders",
                "--at", "2026-12-07T06:00:00Z");
        assertThat(text.out()).contains("cidr*").contains("outside its window at the time asked");
    }

    @org.junit.jupiter.api.Test
    void whoCanReachAnApiGatewayApiByIdOrNameShowsEveryLayersRule() {
        String estate = "../runtime/src/test/resources/reach/estate.yaml";
        String apis = "../runtime/src/test/resources/reach/apis.yaml";
        CliRun byName = CliRun.of("who-can-reach", "--config", estate, apis, "--to", "seed-fixed", "--at", "2026-12-07T00:00:00Z");
        assertThat(byName.code()).isZero();
        assertThat(byName.out()).contains("seedfixed1 (seed-fixed): API Gateway private API of 111111111111 [awsApis[1]]")
                .contains("via vpce-0aaa (vpc-a, account 111111111111) [vpcEndpoints[0]]")
                .contains("from 2 workloads in vpc-a (111111111111) with [111111111111/sg-app-a]  "
                        + "[111111111111/sg-vpce-a ingress[0]: tcp/443 from 111111111111/sg-app-a (apps)]")
                .contains("resource policy: awsApis[1].resourcePolicy Statement[0]")
                .contains("closed: any execute-api endpoint outside the estate");
        CliRun seed = CliRun.of("who-can-reach", "--config", estate, apis, "--to", "seedopen01", "--workloads", "--format", "json");
        assertThat(seed.code()).isZero();
        assertThat(seed.out()).contains("\"invocableFromOutside\":true").contains("\"unrestrictedSource\":true")
                .contains("\"workloads\":[\"app-a1\",\"app-a2\"]");
        // a bare address in a policy's address condition (AWS reads it as /32): answered, not a stack trace
        CliRun bare = CliRun.of("who-can-reach", "--config", estate, apis, "--to", "bare-address");
        assertThat(bare.code()).isZero();
        assertThat(bare.err()).isEmpty();
        assertThat(bare.out()).contains("callers whose address is in no range the policies name (aws:VpcSourceIp)")
                .contains("closed: vpce-0aaa (vpc-a, account 111111111111) [vpcEndpoints[0]]: the policies allow no principal "
                        + "(callers whose address is in 10.1.1.11 (aws:VpcSourceIp))");
        CliRun unknown = CliRun.of("who-can-reach", "--config", estate, apis, "--to", "nosuchapi1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown API 'nosuchapi1' (expected one of: arnlike001 (arn-like), denyvpceb1 (deny-vpce-b)");
    }
}
