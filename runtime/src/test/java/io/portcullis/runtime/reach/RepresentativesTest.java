package io.portcullis.runtime.reach;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.portcullis.config.AwsApi;
import io.portcullis.config.api.PolicySource;
import io.portcullis.decision.Decision;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The source ranges the representatives read from address conditions agree with the evaluator's reading of the
 * same values: a bare address is its /32 or /128, and a value the evaluator rejects names no range (the document
 * fails closed, its error saying which value).
 */
class RepresentativesTest {

    static final AwsApi API = new AwsApi("bareaddr01", "bare", "111111111111", "us-east-1", List.of("REGIONAL"), List.of(),
            Optional.empty(), List.of("prod"), Map.of());

    static PolicyDocument document(String condition) {
        return PolicyParser.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", "
                + "\"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": " + condition + "}]}").orThrow();
    }

    @Test
    void aBareAddressIsTheSingleAddressTheEvaluatorMatches() {
        String condition = "{\"IpAddress\": {\"aws:SourceIp\": [\"192.0.2.7\", \"2001:db8::7\", \" 198.51.100.0/24 \"]}}";
        List<Representatives.Source> sources = Representatives.sources(List.of(document(condition)), "aws:SourceIp");
        assertThat(sources).extracting(s -> s.label() + " " + s.address() + " " + (s.range() == null ? "-" : s.range()))
                .containsExactly("192.0.2.7 192.0.2.7 192.0.2.7/32", "2001:db8::7 2001:db8::7 2001:db8::7/128",
                        " 198.51.100.0/24  198.51.100.0 198.51.100.0/24", "any other address 199.51.101.148 -");
        assertThat(Representatives.classify(sources, new IPAddressString("192.0.2.7").getAddress())).isEqualTo("192.0.2.7");
        assertThat(Representatives.classify(sources, new IPAddressString("192.0.2.8").getAddress()))
                .isEqualTo(WhoCanInvoke.ANY_OTHER_ADDRESS);
        // each class's representative is decided by the evaluator as its class: allowed in a named range, else not
        Policies.Compiled compiled = new Policies().resource(API, new PolicySource(
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": "
                        + "\"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": " + condition + "}]}", "test"));
        PrincipalClass anonymous = new PrincipalClass(PrincipalClass.Kind.ANONYMOUS, "", "");
        for (Representatives.Source s : sources) {
            Decision d = compiled.decide(InvokeRequest.of(anonymous, API.arn() + "/prod/GET/x", "", "", s.address(), null));
            assertThat(d.allowed()).as(s.label()).isEqualTo(s.range() != null);
        }
    }

    @Test
    void aValueNoBlockIsNamesNoRangeAndAPolicyTheEvaluatorRejectsFailsClosed() {
        // values of a string condition on the key that are no address or block name no range
        String condition = "{\"StringEquals\": {\"aws:SourceIp\": [\"10.0.0.0/99999999999\", \"not-an-address\"]}}";
        assertThat(Representatives.sources(List.of(document(condition)), "aws:SourceIp")).isEmpty();
        // an IpAddress value that is no address: the policy is not compiled, its error names the value, it denies
        Policies.Compiled compiled = new Policies().resource(API, new PolicySource(
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": "
                        + "\"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": "
                        + "{\"IpAddress\": {\"aws:SourceIp\": \"10.1.1.300\"}}}]}", "test"));
        assertThat(compiled.document()).isNull();
        assertThat(compiled.error()).contains("/Statement/0/Condition/IpAddress/aws:SourceIp: IpAddress: '10.1.1.300' "
                + "(expected: an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.0/24)");
        assertThat(compiled.decide(InvokeRequest.of(new PrincipalClass(PrincipalClass.Kind.ANONYMOUS, "", ""),
                API.arn() + "/prod/GET/x", "", "", "10.1.1.1", null)).allowed()).isFalse();
    }
}
