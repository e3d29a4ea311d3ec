package io.portcullis.runtime.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The difference a change makes to one API, layer by layer.
 *
 * @param kind {@code api} (a Portcullis API, {@code apis[]}) or {@code awsApi} ({@code awsApis[]})
 * @param id the API's name (Portcullis) or id (AWS)
 * @param presence {@code added}, {@code removed} or {@code changed}
 * @param gained access the new plan admits and the old did not (network and, for AWS APIs, the policy layers
 *     combined: who can invoke)
 * @param lost access the old plan admitted and the new does not
 * @param policy the Portcullis API's resource policy: the request classes whose verdict changed
 * @param identity identity requirements that changed (token issuer, audiences, algorithms, claim bindings, mTLS,
 *     route requirements)
 * @param limits limits that changed (rate limits, connection, header and body limits, requests in flight)
 */
public record ApiDiff(String kind, String id, String presence, List<AccessChange> gained, List<AccessChange> lost,
                      List<PolicyChange> policy, List<SettingChange> identity, List<SettingChange> limits) {

    public ApiDiff {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
        requireNonNull(presence, "presence");
        gained = List.copyOf(gained);
        lost = List.copyOf(lost);
        policy = List.copyOf(policy);
        identity = List.copyOf(identity);
        limits = List.copyOf(limits);
    }

    /** Whether nothing differs (an API present on both sides with the same access and settings). */
    public boolean isEmpty() {
        return presence.equals("changed") && gained.isEmpty() && lost.isEmpty() && policy.isEmpty() && identity.isEmpty()
                && limits.isEmpty();
    }

    /** {@code API orders} or {@code AWS API a1b2c3 }. */
    public String label() {
        return (kind.equals("api") ? "API " : "AWS API ") + id;
    }
}
