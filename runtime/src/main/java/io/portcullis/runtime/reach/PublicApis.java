package io.portcullis.runtime.reach;

import io.portcullis.config.AwsApi;
import io.portcullis.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * REGIONAL and EDGE APIs: reached from the internet, as far as the resource policy lets a source address
 * ({@code aws:SourceIp}, evaluated with an address of each range the policy names and one of none). Without a
 * resource policy API Gateway lets every request through to the method's own authorization: anonymous callers
 * of methods without authorization, and signed principals of the API's account whose identity policy allows.
 */
final class PublicApis {

    private PublicApis() {}

    static ApiAccess of(AwsApi api, String path, Set<String> estate, Policies policies, List<PolicyDocument> alsoDistinguish) {
        List<String> notes = new ArrayList<>();
        Policies.Compiled resource = api.resourcePolicy().map(p -> policies.resource(api, p)).orElse(null);
        List<Grant> grants;
        if (resource == null) {
            notes.add("no resource policy: every address reaches the methods' own authorization");
            grants = List.of(
                    new Grant(new PrincipalClass(PrincipalClass.Kind.ANONYMOUS, "", ""), List.of("*"), List.of(), "",
                            "no resource policy", Grant.IdentityPolicy.NOT_USED, ""),
                    new Grant(new PrincipalClass(PrincipalClass.Kind.API_ACCOUNT, Representatives.role(api.account()), api.account()),
                            List.of("*"), List.of(), "", "", Grant.IdentityPolicy.MAY_ALLOW, ""));
        } else {
            if (resource.error() != null) {
                notes.add("resource policy not evaluated (fails closed): " + resource.error());
            }
            grants = new Grants(api, path, resource.error() == null ? resource : null, List.of(), alsoDistinguish, estate, "aws:SourceIp")
                    .through(null, "", "");
        }
        Way internet = new Way(Way.Kind.INTERNET, "", "", "", "", List.of(), grants,
                "any address on the internet (" + String.join(", ", api.endpointTypes()) + " endpoint)");
        return new ApiAccess(ApiAccess.Kind.AWS_PUBLIC, api.id(), api.name(), api.account(), path, List.of(internet), notes, estate);
    }
}
