package io.portcullis.cli.policy;

import io.portcullis.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
              {"Sid": "DenyNotFromVPC", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
               "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}}]}""";

    @TempDir
    Path dir;



    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void validatePointsAtTheSeedPoliciesMissingColonAndExitsTwo() throws IOException {
        Path f = write("seed.json", "{\n\"Condition\": {\n\"StringNotEquals\" {\n\"aws:sourceVPC\": \"vpc-1\"\n}\n}\n}\n");
        CliRun r = CliRun.of("policy", "validate", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains(f + ":3:18 /Condition/StringNotEquals: expected ':' after the field name \"StringNotEquals\"");
    }

    @Test
    void validateAcceptsAValidPolicy() throws IOException {
        CliRun r = CliRun.of("policy", "validate", write("ok.json", POLICY).toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void evalExitsZeroOnAllowAndOneOnDenyAndExplains() throws IOException {
        Path policy = write("p.json", POLICY);
        String req = """
                {"principal": "*", "action": "execute-api:Invoke",
                 "resource": "arn:aws:execute-api:us-east-1:111111111111:abc123/prod/GET/pets", "context": {"aws:SourceVpc": "%s",
                 "portcullis:SourceSecurityGroups": ["sg-1", "sg-2"], "jwt:level": 3, "aws:SecureTransport": true}}""";
        CliRun allow = CliRun.of("policy", "eval", "--policy", policy.toString(), "--request", write("a.json", req.formatted("vpc-1")).toString());
        assertThat(allow.code()).as(allow.err()).isEqualTo(ExitCodes.OK);
        assertThat(allow.out()).contains("\"decision\" : \"Allow\"");
        CliRun deny = CliRun.of("policy", "eval", "--policy", policy.toString(), "--request", write("d.json", req.formatted("vpc-2")).toString());
        assertThat(deny.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(deny.out()).contains("\"decision\" : \"ExplicitDeny\"", "policy[0] Statement[1] (Sid DenyNotFromVPC)");
    }

    @Test
    void evalRejectsAnInvalidRequestWithExitTwo() throws IOException {
        CliRun r = CliRun.of("policy", "eval", "--policy", write("p.json", POLICY).toString(), "--request",
                write("r.json", "{\"principal\": \"*\", \"action\": 7, \"resource\": \"x\"}").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("/action: expected a string");
    }

    @Test
    void batchWritesOneLinePerInputLineInOrderAndKeepsGoingAfterAnInvalidLine() throws IOException {
        String policy = POLICY.replace("\n", " ");
        String line = "{\"policies\": [" + policy + "], \"request\": {\"principal\": \"*\", \"action\": \"execute-api:Invoke\","
                + " \"resource\": \"arn:aws:execute-api:us-east-1:111111111111:abc123/prod/GET/pets\", \"context\": {\"aws:SourceVpc\": \"%s\"}}}";
        Path batch = write("b.jsonl", String.join("\n", line.formatted("vpc-1"), "{not json", line.formatted("vpc-9")) + "\n");
        CliRun r = CliRun.of("policy", "eval", "--batch", batch.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"decision\":\"Allow\"");
        assertThat(lines[1]).startsWith("{\"error\":\"invalid JSON");
        assertThat(lines[2]).startsWith("{\"decision\":\"ExplicitDeny\"");
    }
}
