package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified identity reaches the upstream in the API's identity headers, and a client cannot forge them: its
 * own copies are removed, whether or not the request has a value. Request and response rules apply.
 */
class IdentityHeadersTest {

    private static final String TRADER = "127.0.1.11";

    @TempDir
    Path dir;
    private DemoUpstream upstream;
    private DemoConfig demo;
    private Node node;
    private int payments;
    private int orders;

    @BeforeEach
    void start() throws IOException {
        upstream = DemoUpstream.start();
        orders = LoopbackClient.freePort();
        payments = LoopbackClient.freePort();
        demo = DemoConfig.write(dir, orders, LoopbackClient.freePort(), payments, upstream.uri());
        String rules = """
                    headers:
                      identity: {principal: X-Caller-Principal, subject: X-Caller-Subject, groups: X-Caller-Groups,
                                 workload: X-Caller-Workload, account: X-Caller-Account, plan: X-Portcullis-Plan}
                      request: {remove: [X-Debug], set: {X-Env: demo}}
                      response: {set: {X-Frame-Options: DENY}}
                """;
        String yaml = Files.readString(demo.file());
        for (String api : List.of("  - name: orders\n", "  - name: payments\n")) {
            int at = yaml.indexOf(api) + api.length();
            yaml = yaml.substring(0, at) + rules + yaml.substring(at);
        }
        Files.writeString(demo.file(), yaml);
        node = Node.builder(List.of(demo.file())).build().start();
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
    }

    private JsonNode echo(LoopbackClient.Response response) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void theVerifiedIdentityReachesTheUpstreamAndForgedCopiesDoNot() throws IOException {
        String token = demo.token("trader-1", List.of("sg-traders"));
        LoopbackClient.Response response = LoopbackClient.once(TRADER, payments, new byte[0], "GET", "/payments/7",
                "Authorization: Bearer " + token, "X-Caller-Principal: arn:aws:iam::999999999999:role/admin",
                "X-Caller-Groups: sg-admins", "X-Debug: 1", "X-Env: prod");
        JsonNode echo = echo(response);
        assertThat(echo.path("x-caller-principal").asText()).isEqualTo("arn:aws:iam::111111111111:role/trader-1");
        assertThat(echo.path("x-caller-subject").asText()).isEqualTo("trader-1");
        assertThat(echo.path("x-caller-workload").asText()).isEqualTo("trader-1");
        assertThat(echo.path("x-caller-account").asText()).isEqualTo("111111111111");
        assertThat(echo.path("x-caller-groups").asText()).contains("111111111111/sg-traders").doesNotContain("sg-admins");
        assertThat(echo.path("x-portcullis-plan").asText()).isEqualTo(node.plan().digest().toString());
        assertThat(echo.has("x-debug")).as("removed by the rule").isFalse();
        assertThat(echo.path("x-env").asText()).as("the rule's value replaces the client's").isEqualTo("demo");
        assertThat(echo.has("Authorization")).isFalse();
        assertThat(response.headers()).contains("X-Frame-Options: DENY");
    }

    @Test
    void aRequestWithoutAnIdentityCarriesNoIdentityHeaderNotEvenTheClientsOwn() throws IOException {
        JsonNode echo = echo(LoopbackClient.once(TRADER, orders, new byte[0], "GET", "/orders/1",
                "X-Caller-Principal: arn:aws:iam::111111111111:role/admin", "X-Caller-Subject: admin"));
        assertThat(echo.has("x-caller-principal")).isFalse();
        assertThat(echo.has("x-caller-subject")).isFalse();
        assertThat(echo.path("x-caller-workload").asText()).as("the network identity is still known").isEqualTo("trader-1");
    }
}
