package io.portcullis.analysis.findings;

import io.portcullis.config.Api;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.runtime.auth.Authorizers;
import io.portcullis.runtime.auth.SourceRestriction;
import java.util.ArrayList;
import java.util.List;

/**
 * PC-API-001: a Portcullis API with no resource policy, or one that does not condition on the source VPC or VPC
 * endpoint. The test is {@code validate}'s own ({@link SourceRestriction}); the finding adds who the network layer
 * admits, from the engine, as what is exposed.
 */
final class SourceRestrictions implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        for (int i = 0; i < e.config.apis().size(); i++) {
            Api api = e.config.apis().get(i);
            String at = "apis[" + i + "].resourcePolicy";
            String why;
            if (api.serving().resourcePolicy().isEmpty()) {
                why = api.name() + " has no resource policy";
            } else {
                List<String> problems = new ArrayList<>();
                PolicyDocument doc = Authorizers.document(api.serving().resourcePolicy().get(), at, problems);
                if (doc == null || SourceRestriction.conditionsOnSource(doc)) {
                    continue; // a document that does not parse is validate's error, refused before analysis
                }
                why = "no statement of " + api.name() + "'s resource policy conditions on aws:SourceVpc or aws:SourceVpce, at "
                        + e.places.where(at);
            }
            long callers = e.reach().api(api).stream().mapToLong(r -> r.subjects().size()).sum();
            out.add(new Finding(Rules.UNRESTRICTED_API.id(), Severity.HIGH, e.places.api(i), "",
                    api.name() + " does not restrict the source VPC or VPC endpoint",
                    List.of(why, "the network layer admits " + callers + " caller(s) now (workloads, partners, ranges), "
                            + "through any VPC endpoint that reaches the listener"),
                    Rules.UNRESTRICTED_API.remediation()));
        }
    }
}
