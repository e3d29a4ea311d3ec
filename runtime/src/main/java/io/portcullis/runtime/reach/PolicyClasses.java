package io.portcullis.runtime.reach;

import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.api.PolicySource;
import io.portcullis.decision.Decision;
import io.portcullis.policy.ConditionSpec;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.Statement;
import io.portcullis.runtime.auth.Authorizers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Portcullis API's resource policy decides for each class of request context that a set of documents
 * distinguishes ({@link Representatives}: the principals, resources and source ranges they name, plus one of each
 * they do not; and the source VPCs and VPC endpoints their conditions name, plus the API's own VPC, another VPC and
 * no endpoint). Evaluating one representative per class decides the class. Given the documents of both sides of a
 * change, the two policies are decided on the same classes, so a diff can list the classes whose verdict changed.
 * The policy is compiled and evaluated by the policy module, bound as the gateway binds it.
 */
public final class PolicyClasses {

    /** One class of requests and the policy's verdict with its deciding statement (or reason). */
    public record Verdict(String principal, String resource, String vpc, String vpce, String sourceIp, boolean allowed,
                          String statement) {

        /** The class, without the verdict: what a diff matches the two sides by. */
        public String key() {
            return principal + " | " + resource + " | vpc " + (vpc.isEmpty() ? "-" : vpc) + " | vpce "
                    + (vpce.isEmpty() ? "-" : vpce) + (sourceIp.isEmpty() ? "" : " | source " + sourceIp);
        }
    }

    static final String OTHER_VPC = "vpc-" + Representatives.UNNAMED;

    private PolicyClasses() {}

    /**
     * The verdicts of {@code api}'s {@code policy} (empty: no resource policy, which this layer treats as deny-all,
     * as the gateway does without {@code auth.jwt}) on the classes {@code documents} distinguish.
     */
    public static List<Verdict> of(Api api, Optional<PolicySource> policy, List<PolicyDocument> documents, Set<String> estate) {
        String apiId = Authorizers.apiId(api, api.serving().auth());
        AwsApi view = new AwsApi(apiId, api.name(), api.account(), api.serving().auth().region(), List.of("PRIVATE"),
                List.of(), policy, List.of(api.serving().auth().stage()), api.tags());
        Policies.Compiled compiled = policy.map(p -> new Policies().resource(view, p)).orElse(null);
        List<PrincipalClass> principals = Representatives.principals(view, documents, estate);
        List<Representatives.Resource> resources = Representatives.resources(view, documents);
        List<Representatives.Source> sources = Representatives.sources(documents, "aws:SourceIp");
        Set<String> vpcs = new LinkedHashSet<>();
        vpcs.add(api.vpc());
        Set<String> endpoints = new LinkedHashSet<>();
        endpoints.add("");
        for (PolicyDocument d : documents) {
            for (Statement s : d.statements()) {
                for (ConditionSpec c : s.conditions()) {
                    if (c.key().equalsIgnoreCase("aws:SourceVpc")) {
                        c.values().forEach(v -> vpcs.add(Representatives.concrete(v)));
                    } else if (c.key().equalsIgnoreCase("aws:SourceVpce")) {
                        c.values().forEach(v -> endpoints.add(Representatives.concrete(v)));
                    }
                }
            }
        }
        vpcs.add(OTHER_VPC);
        List<Representatives.Source> from = sources.isEmpty() ? List.of(new Representatives.Source("", null, null)) : sources;
        List<Verdict> out = new ArrayList<>();
        Map<Decision, String> labels = new LinkedHashMap<>();
        for (PrincipalClass who : principals) {
            for (Representatives.Resource res : resources) {
                for (String vpc : vpcs) {
                    for (String vpce : endpoints) {
                        for (Representatives.Source source : from) {
                            InvokeRequest request = InvokeRequest.of(who, res.arn(), vpce, vpc, source.address(),
                                    source.address());
                            if (compiled == null) {
                                out.add(new Verdict(who.label(), res.label(), vpc, vpce, source.label(), false,
                                        "no resource policy"));
                                continue;
                            }
                            Decision d = compiled.decide(request);
                            String statement = labels.computeIfAbsent(d, x -> x.decidedBy().isEmpty()
                                    ? x.reason().code() : "resourcePolicy " + Policies.statement(x));
                            out.add(new Verdict(who.label(), res.label(), vpc, vpce, source.label(), d.allowed(), statement));
                        }
                    }
                }
            }
        }
        return out;
    }
}
