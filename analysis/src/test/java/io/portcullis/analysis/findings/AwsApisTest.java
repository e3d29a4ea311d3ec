package io.portcullis.analysis.findings;

import static io.portcullis.analysis.findings.Estates.lines;
import static io.portcullis.analysis.findings.Estates.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PC-AWSAPI-001..004 on who-can-invoke's hand-worked estate (runtime/src/test/resources/reach: the seed's policy with and
 * without its restriction, AWS's documented private API policies, a private API without a policy, a regional
 * API). Each expectation below was decided by hand from the policies' comments in apis.yaml.
 */
class AwsApisTest {

    private static List<Finding> estate() throws URISyntaxException {
        // The hand-worked estate of who-can-invoke's own tests (runtime.reach), read in place.
        Path dir = Path.of("../runtime/src/test/resources/reach");
        return Estates.analyze(List.of(dir), AnalysisSettings.DEFAULTS);
    }

    @Test
    void theSeedsOpenPolicyIsInvocableFromAnyEndpointOfAnyAccountAndItsFixIsNot() throws URISyntaxException {
        List<Finding> f = estate();
        // seedopen01 allows everyone; denyvpceb1 denies one endpoint and allows the rest: both admit an unsigned
        // call through an endpoint outside the estate. iamonly001 admits the consumer's reader role from any
        // endpoint, outside ones too. seedfixed1, onlyvpcb01 and notlisted1 restrict the source endpoint or VPC.
        // vpcsrcip01 denies one private address and allows the rest (anonymous, from outside too); arnlike001
        // allows the consumer's app-* roles from any endpoint. srcbare001 is vpcsrcip01 with the address written
        // bare (/32), as AWS allows it.
        assertThat(lines(f, Rules.AWS_API_OUTSIDE)).containsExactlyInAnyOrder(
                "awsApis[0](seedopen01) high", "awsApis[3](denyvpceb1) high", "awsApis[4](iamonly001) high",
                "awsApis[8](vpcsrcip01) high", "awsApis[9](arnlike001) high", "awsApis[10](srcbare001) high");
        assertThat(lines(f, Rules.AWS_API_UNRESTRICTED)).containsExactlyInAnyOrder("awsApis[0](seedopen01) critical",
                "awsApis[3](denyvpceb1) critical", "awsApis[8](vpcsrcip01) critical", "awsApis[10](srcbare001) critical");
        Finding seed = of(f, Rules.AWS_API_UNRESTRICTED).stream().filter(x -> x.resource().path().equals("awsApis[0]")).findFirst().orElseThrow();
        assertThat(seed.message()).isEqualTo("seed-open (seedopen01) allows an unsigned request for every resource from any VPC endpoint of any account");
        assertThat(seed.evidence().get(0)).startsWith("resource policy at ").endsWith("apis.yaml:10:5: awsApis[0](seedopen01).resourcePolicy");
        assertThat(seed.evidence().get(1)).startsWith("via any execute-api endpoint outside the estate as ");
    }

    @Test
    void aPrivateApiWithoutAPolicyAndARegionalApiAreReported() throws URISyntaxException {
        List<Finding> f = estate();
        assertThat(lines(f, Rules.AWS_API_NO_POLICY)).containsExactly("awsApis[5](nopolicy01) low");
        assertThat(of(f, Rules.AWS_API_NO_POLICY).get(0).evidence())
                .containsExactly("no resource policy: API Gateway denies every call to a private API without one");
        // regional01 restricts aws:SourceIp to 192.0.2.0/24, srcbare002 to two addresses written bare: reached from
        // the internet, but not unrestricted
        assertThat(lines(f, Rules.AWS_API_PUBLIC)).containsExactly("awsApis[6](regional01) medium REGIONAL",
                "awsApis[11](srcbare002) medium REGIONAL");
    }
}
