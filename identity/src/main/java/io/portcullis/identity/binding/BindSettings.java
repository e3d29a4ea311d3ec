package io.portcullis.identity.binding;

import static java.util.Objects.requireNonNull;

/**
 * The {@code auth.bind} settings: which claim must match which part of the caller's network position. An
 * empty name turns that check off.
 *
 * @param groupsClaim a claim whose values (string or array) must share at least one security group with the
 *     source's effective groups; a value matches {@code ACCOUNT/sg-id} exactly, or a bare {@code sg-id}
 * @param accountClaim a claim that must equal the source account
 * @param workloadClaim a claim that must equal the source workload or the mTLS certificate identity
 */
public record BindSettings(String groupsClaim, String accountClaim, String workloadClaim) {

    public static final BindSettings NONE = new BindSettings("", "", "");

    public BindSettings {
        requireNonNull(groupsClaim, "groupsClaim");
        requireNonNull(accountClaim, "accountClaim");
        requireNonNull(workloadClaim, "workloadClaim");
        for (String claim : new String[] {groupsClaim, accountClaim, workloadClaim}) {
            if (!claim.equals(claim.strip())) {
                throw new IllegalArgumentException("claim name: '" + claim + "' (expected: no surrounding spaces)");
            }
        }
    }

    public boolean any() {
        return !groupsClaim.isEmpty() || !accountClaim.isEmpty() || !workloadClaim.isEmpty();
    }
}
