package io.portcullis.analysis.findings;

import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Grant;
import io.portcullis.runtime.reach.PrincipalClass;
import io.portcullis.runtime.reach.Way;
import io.portcullis.runtime.reach.WhoCanInvoke;
import io.portcullis.config.AwsApi;
import java.util.ArrayList;
import java.util.List;

/**
 * PC-AWSAPI-001..004, the seed-002 rules for API Gateway APIs ({@code awsApis[]}), on who-can-invoke
 * ({@link WhoCanInvoke}: the endpoint's groups by the engine, the endpoint policy and the resource policy by the
 * policy evaluator). This class only reads its answer; the semantics are there.
 */
final class AwsApis implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        if (e.config.awsApis().isEmpty()) {
            return;
        }
        WhoCanInvoke who = WhoCanInvoke.of(e.config, e.reach().snapshot(), e.now);
        for (int i = 0; i < e.config.awsApis().size(); i++) {
            AwsApi api = e.config.awsApis().get(i);
            ApiAccess access = who.api(api.id()).orElseThrow();
            Resource where = e.places.awsApi(i);
            String name = api.name() + " (" + api.id() + ")";
            String policy = api.resourcePolicy().isEmpty() ? "no resource policy"
                    : "resource policy at " + e.places.where("awsApis[" + i + "].resourcePolicy");
            if (access.unrestrictedSource()) {
                out.add(new Finding(Rules.AWS_API_UNRESTRICTED.id(), Severity.CRITICAL, where, "",
                        name + " allows an unsigned request for every resource from " + (api.isPrivate()
                                ? "any VPC endpoint of any account" : "any address"),
                        evidence(access, policy, true), Rules.AWS_API_UNRESTRICTED.remediation()));
            }
            if (api.isPrivate() && access.invocableFromOutside()) {
                out.add(new Finding(Rules.AWS_API_OUTSIDE.id(), Severity.HIGH, where, "",
                        name + " is invocable through execute-api endpoints outside accounts "
                                + access.estateAccounts().stream().sorted().toList(),
                        evidence(access, policy, false), Rules.AWS_API_OUTSIDE.remediation()));
            }
            if (api.isPrivate() && api.resourcePolicy().isEmpty()) {
                out.add(new Finding(Rules.AWS_API_NO_POLICY.id(), Severity.LOW, where, "",
                        name + " is private and has no resource policy",
                        new ArrayList<>(access.notes()), Rules.AWS_API_NO_POLICY.remediation()));
            }
            List<String> open = api.endpointTypes().stream().filter(t -> !t.equals("PRIVATE")).toList();
            if (!open.isEmpty()) {
                out.add(new Finding(Rules.AWS_API_PUBLIC.id(), Severity.MEDIUM, where, String.join(",", open),
                        name + " has endpoint type " + String.join(" and ", open) + ": it is reached from the internet",
                        List.of("endpointTypes: " + api.endpointTypes() + ", at " + e.places.where("awsApis[" + i + "].endpointTypes"),
                                policy), Rules.AWS_API_PUBLIC.remediation()));
            }
        }
    }

    /** The resource policy's place, then each open way from outside (or every open way) with what lets it in. */
    private static List<String> evidence(ApiAccess access, String policy, boolean anonymousOnly) {
        List<String> out = new ArrayList<>();
        out.add(policy);
        for (Way w : access.open()) {
            boolean outside = w.kind() == Way.Kind.OUTSIDE_ENDPOINT || w.kind() == Way.Kind.INTERNET
                    || w.kind() == Way.Kind.ENDPOINT && !access.estateAccounts().contains(w.account());
            if (!outside) {
                continue;
            }
            for (Grant g : w.grants()) {
                if (anonymousOnly ? g.principal().kind() != PrincipalClass.Kind.ANONYMOUS || !g.everything()
                        : g.identityPolicy() == Grant.IdentityPolicy.MAY_ALLOW) {
                    continue;
                }
                out.add("via " + via(w) + " as " + g.principal().label() + ": " + g.resourcesLabel()
                        + (g.endpointStatement().isEmpty() ? "" : "; endpoint policy: " + g.endpointStatement())
                        + "; resource policy: " + (g.resourceStatement().isEmpty() ? "neither allows nor denies" : g.resourceStatement()));
                if (out.size() >= 6) {
                    return out; // enough to show why; who-can-reach lists every way
                }
            }
        }
        return out;
    }

    private static String via(Way w) {
        return switch (w.kind()) {
            case OUTSIDE_ENDPOINT -> "any execute-api endpoint outside the estate";
            case INTERNET -> "the internet";
            default -> w.endpoint() + " (" + w.vpc() + ", account " + w.account() + ")";
        };
    }
}
