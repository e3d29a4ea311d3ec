package io.portcullis.runtime.reach;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the policy layers let one class of principal do through one way in: the resources it may invoke and the
 * statement of each layer that decided.
 *
 * @param principal who
 * @param resources the resources it may invoke, as the policies name them relative to the API
 *     ({@code prod/GET/pets}, {@code *} for every resource no policy names); all of them when {@code denied} is
 *     empty
 * @param denied the named resources it may not invoke
 * @param endpointStatement the endpoint policy's deciding statement ({@code vpce-x default policy} when none is
 *     attached); {@code ""} for a way without an endpoint
 * @param resourceStatement the resource policy's deciding statement ({@code ""} when only an identity policy could
 *     allow, see {@code identityPolicy})
 * @param identityPolicy what the caller's own IAM identity policy (not part of the estate) must add
 * @param sourceRange for a policy that tests the caller's address ({@code aws:SourceIp}, {@code aws:VpcSourceIp}):
 *     the range the representative address was taken from ({@code ""} when the policy does not test it)
 */
public record Grant(PrincipalClass principal, List<String> resources, List<String> denied, String endpointStatement,
                    String resourceStatement, IdentityPolicy identityPolicy, String sourceRange) {

    /**
     * How a signed caller's identity policy takes part (AWS: "How API Gateway resource policies affect
     * authorization workflow"): not at all for anonymous callers; for a principal of another account it must
     * allow too; for one of the API's own account it may be what allows, when the resource policy neither
     * allows nor denies.
     */
    public enum IdentityPolicy { NOT_USED, MUST_ALSO_ALLOW, MAY_ALLOW }

    public Grant {
        requireNonNull(principal, "principal");
        resources = List.copyOf(resources);
        denied = List.copyOf(denied);
        requireNonNull(endpointStatement, "endpointStatement");
        requireNonNull(resourceStatement, "resourceStatement");
        requireNonNull(identityPolicy, "identityPolicy");
        requireNonNull(sourceRange, "sourceRange");
    }

    /** Whether it may invoke every resource of the API. */
    public boolean everything() {
        return denied.isEmpty();
    }

    /** {@code *}, {@code prod/GET/pets, prod/POST/*} or {@code * except prod/DELETE/*}. */
    public String resourcesLabel() {
        if (denied.isEmpty()) {
            return "*";
        }
        if (resources.contains("*")) {
            return "* except " + String.join(", ", denied);
        }
        return String.join(", ", resources);
    }
}
