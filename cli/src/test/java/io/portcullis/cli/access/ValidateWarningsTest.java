package io.portcullis.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} on a configuration with every quiet mistake of issue 14 at once: each is a warning at the file,
 * line and column it was written at, the configuration stays valid (exit 0), and nothing else is reported.
 */
class ValidateWarningsTest {

    @TempDir
    Path dir;

    @Test
    void printsEachQuietMistakeAsAWarningAtItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("portcullis.yaml"), """
                accounts: [{id: "111111111111", name: a}]
                vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
                securityGroups:
                  - id: sg-api
                    account: "111111111111"
                    vpc: vpc-a
                    ingress:
                      - {protocol: tcp, ports: 8443, from: {group: sg-c}, schedule: {from: "08:00", to: "18:00", zone: GMT+1}}
                  - {id: sg-c, account: "111111111111", vpc: vpc-a}
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "127.0.0.1:8443"
                    securityGroups: [sg-api]
                    upstream: http://127.0.0.1:9000
                    routes:
                      - {path: /orders/**, methods: [GET]}
                      - {path: /orders/*, methods: [GET, POST]}
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
                        - Effect: Deny
                          Principal: "*"
                          Action: "execute-api:Invoke"
                          Resource: "execute-api:/*"
                          Condition:
                            StringNotEquals: {"aws:SourceVcp": vpc-a}
                        - Effect: Deny
                          Principal: "*"
                          Action: "execute-api:Invoke"
                          Resource: "execute-api:/*"
                          Condition:
                            StringNotEquals: {"aws:PrincipalAccount": "222222222222"}
                """);

        CliRun r = CliRun.of("validate", file.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err().lines()).containsExactly(
                "warning: " + file + ":8:98: securityGroups[0](sg-api).ingress[0].schedule.zone: 'GMT+1' is a fixed offset, "
                        + "UTC+01:00 all year: the window does not follow daylight saving (expected: a region id such as "
                        + "Europe/Paris, whose clock does; or Etc/GMT-1 if a fixed offset is meant)",
                "warning: " + file + ":19:10: apis[0](orders).routes[1].path: unreachable: routes[0] ('/orders/**') matches "
                        + "every path '/orders/*' matches, and the first route whose path matches takes the request whatever "
                        + "its method; POST is refused with 405 by routes[0] (expected: the narrower route first, or one route "
                        + "per path with all its methods)",
                "warning: " + file + ":29:13: apis[0](orders).resourcePolicy.Statement[1].Condition.StringNotEquals: "
                        + "aws:SourceVcp: no request carries this condition key (did you mean aws:SourceVpc?): StringNotEquals "
                        + "on an absent key is true, so this Deny applies to every request its principal, action, resource "
                        + "and other conditions match (expected: a key the gateway supplies, listed in docs/policy.md)",
                "warning: " + file + ":35:13: apis[0](orders).resourcePolicy.Statement[2].Condition.StringNotEquals: "
                        + "aws:PrincipalAccount: '222222222222' appears nowhere in the configuration, so no request carries "
                        + "it (expected: an account declared under accounts, such as 111111111111)",
                "warning: " + file + ":20:5: apis[0](orders).resourcePolicy: no statement conditions on aws:SourceVpc or "
                        + "aws:SourceVpce: aws:SourceVcp (Statement[1]) is not one of them: no request carries it, so it "
                        + "restricts no source (see its warning; expected: a Deny unless aws:SourceVpc or aws:SourceVpce is "
                        + "one you trust)");
        assertThat(r.out()).contains("plan sha256:");
    }
}
