package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner admitted by address range (initech, 127.0.9.0/24, outside every VPC) on a live node: it is a caller
 * of its own, so a token bound to its group, account and id passes from every address of its range and from
 * nowhere else; a /24 is limited as one principal, not as 254 addresses; its client certificate counts only from
 * its range and gives a principal in its account, not ours.
 */
class PartnerEndToEndTest {

    private static final String PARTNER = "127.0.9.5";
    private static final String DESK = "127.0.1.11";
    private static final String NEIGHBOUR = "127.0.8.5";
    private static final String INITECH_CERTIFICATE = "spiffe://initech.example/reports";

    @TempDir
    Path dir;
    private TestIssuer issuer;
    private TestPki pki;
    private DemoUpstream upstream;
    private Node node;
    private Path accessLog;
    private int reports;
    private int mtls;

    @BeforeEach
    void start() throws Exception {
        issuer = new TestIssuer(dir.resolve("jwks.json"));
        pki = new TestPki(Files.createDirectories(dir.resolve("pki")));
        TestPki.Issued server = pki.server();
        upstream = DemoUpstream.start();
        reports = LoopbackClient.freePort();
        mtls = LoopbackClient.freePort();
        accessLog = dir.resolve("access.log");
        String template = new String(PartnerEndToEndTest.class.getResourceAsStream("partners.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("portcullis.yaml"), template.formatted(reports, mtls, upstream.uri(),
                INITECH_CERTIFICATE, accessLog, server.certFile(), server.keyFile(), pki.caFile()));
        node = Node.builder(List.of(dir.resolve("portcullis.yaml"))).build().start();
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void aTokenBoundToThePartnersGroupPassesFromEveryAddressOfItsRange() throws Exception {
        String token = token("initech", "sg-partner-initech", "333333333333");
        assertThat(call(PARTNER, token)).isEqualTo(200);
        assertThat(call("127.0.9.250", token)).isEqualTo(200);
        JsonNode line = logged(l -> l.get("status").asInt() == 200);
        assertThat(line.get("workload").asText()).isEqualTo("initech");
        assertThat(line.get("principal").asText()).as("a principal in the partner's account")
                .isEqualTo("arn:aws:iam::333333333333:role/initech");
    }

    @Test
    void theSameTokenFromAnywhereElseIsRefused() throws Exception {
        String token = token("initech", "sg-partner-initech", "333333333333");
        assertThat(call(DESK, token)).as("from a workload the network admits").isEqualTo(403);
        assertThat(logged(l -> l.get("status").asInt() == 403).get("reason").asText()).isEqualTo("claims-network-mismatch");
        assertThat(call(NEIGHBOUR, token)).as("from beside the range: closed by the network layer").isEqualTo(-1);
    }

    @Test
    void aPartnersTokenClaimingOurAccountIsRefused() throws Exception {
        assertThat(call(PARTNER, token("initech", "sg-partner-initech", "111111111111"))).isEqualTo(403);
        assertThat(call(PARTNER, token("desk-1", "sg-partner-initech", "333333333333"))).as("another caller's id").isEqualTo(403);
    }

    @Test
    void aSlash24PartnerIsLimitedAsOnePrincipalNotAsItsAddresses() throws Exception {
        String token = token("initech", "sg-partner-initech", "333333333333");
        assertThat(call("127.0.9.5", token)).isEqualTo(200);
        assertThat(call("127.0.9.6", token)).isEqualTo(200);
        assertThat(call("127.0.9.7", token)).isEqualTo(200);
        assertThat(call("127.0.9.8", token)).as("a fourth address, the same principal").isEqualTo(429);
        assertThat(call(DESK, token("desk-1", "sg-desk", "111111111111"))).as("another principal's bucket").isEqualTo(200);
    }

    @Test
    void thePartnersCertificateGivesAPrincipalInItsAccountAndIsLimitedByCertificate() throws Exception {
        TestPki.Issued initech = pki.clientWithUri("initech", INITECH_CERTIFICATE);
        assertThat(tls(PARTNER, initech, "/partner/1")).isEqualTo(200);
        assertThat(logged(l -> l.get("api").asText().equals("reports-mtls")).get("principal").asText())
                .isEqualTo("arn:aws:iam::333333333333:role/reports");
        assertThat(tls("127.0.9.6", initech, "/partner/2")).isEqualTo(200);
        assertThat(tls("127.0.9.7", initech, "/partner/3")).as("one certificate, one bucket").isEqualTo(429);
    }

    @Test
    void aPartnersCertificateCountsOnlyFromItsRangeAndItsRangeOnlyWithItsCertificates() throws Exception {
        TestPki.Issued initech = pki.clientWithUri("initech", INITECH_CERTIFICATE);
        TestPki.Issued desk = pki.clientWithUri("desk-1", "spiffe://acme.example/desk-1");
        assertThat(tls(DESK, initech, "/partner/1")).as("the partner's certificate from a workload").isEqualTo(403);
        assertThat(logged(l -> l.get("status").asInt() == 403).get("reason").asText()).isEqualTo("certificate-network-mismatch");
        assertThat(tls(PARTNER, desk, "/desk/1")).as("our certificate from the partner's range").isEqualTo(403);
        assertThat(tls(DESK, desk, "/desk/1")).as("our certificate from its workload").isEqualTo(200);
        assertThat(tls(DESK, desk, "/partner/1")).as("a principal of our account is not the partner's").isEqualTo(403);
    }

    private int call(String from, String token) {
        return LoopbackClient.once(from, reports, new byte[0], "GET", "/reports/1", "Authorization: Bearer " + token).status();
    }

    /** One request over mTLS from {@code from} presenting {@code client}: the status, or -1 when closed first. */
    private int tls(String from, TestPki.Issued client, String path) {
        try (SSLSocket s = (SSLSocket) pki.clientContext(client).getSocketFactory().createSocket("127.0.0.1", mtls,
                InetAddress.getByName(from), 0)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
        } catch (IOException e) {
            return -1;
        }
    }

    private String token(String sub, String group, String account) throws JOSEException {
        return issuer.token("reports", sub, List.of(group), account, Instant.now().plusSeconds(300));
    }

    /** The first access-log line that matches, waiting for the asynchronous writer. */
    private JsonNode logged(Predicate<JsonNode> wanted) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            for (String l : Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.<String>of()) {
                JsonNode line = json.readTree(l);
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such access log line within 5 s");
            }
            Thread.sleep(2); // waiting for the writer thread, not timing logic
        }
    }
}
