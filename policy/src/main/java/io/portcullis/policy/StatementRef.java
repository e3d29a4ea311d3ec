package io.portcullis.policy;

/**
 * Where a statement is: the policy's position in the evaluated set, the statement's position in its document and
 * its {@code Sid} ({@code null} when it has none). Printed as {@code policy[0] Statement[1] (Sid DenyNotFromVPC)}.
 */
public record StatementRef(int policy, int statement, String sid) {

    @Override
    public String toString() {
        String s = "policy[" + policy + "] Statement[" + statement + "]";
        return sid == null || sid.isEmpty() ? s : s + " (Sid " + sid + ")";
    }
}
