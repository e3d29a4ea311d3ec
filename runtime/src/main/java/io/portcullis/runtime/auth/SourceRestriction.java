package io.portcullis.runtime.auth;

import io.portcullis.policy.ConditionSpec;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.Statement;
import java.util.List;

/**
 * Whether a resource policy restricts where callers come from: the warning for each API whose policy does not
 * condition on the source VPC or VPC endpoint (or that has none), the restriction whose absence exposes AWS
 * private APIs. This is the cheap check; it does not prove that every Allow is covered.
 */
public final class SourceRestriction {

    private SourceRestriction() {}

    /**
     * Whether some statement has a condition on {@code aws:SourceVpc} or {@code aws:SourceVpce} (keys ignore
     * case, as in AWS). Without one, a private API is open to every VPC endpoint that can reach it.
     */
    public static boolean conditionsOnSource(PolicyDocument document) {
        for (Statement statement : document.statements()) {
            for (ConditionSpec condition : statement.conditions()) {
                if (condition.key().equalsIgnoreCase("aws:SourceVpc") || condition.key().equalsIgnoreCase("aws:SourceVpce")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What the warning says when a condition key is a misspelling of one of the two ({@code aws:SourceVcp}): it does
     * not restrict the source, and what the policy then does is that condition's own warning (a Deny on it applies
     * to every request, so the API admits no one rather than every caller).
     */
    static String misspelled(List<String> keys) {
        return String.join(", ", keys) + (keys.size() == 1 ? " is" : " are") + " not one of them: no request carries "
                + (keys.size() == 1 ? "it" : "them") + ", so " + (keys.size() == 1 ? "it restricts" : "they restrict")
                + " no source (see " + (keys.size() == 1 ? "its warning" : "their warnings") + "; expected: a Deny unless "
                + "aws:SourceVpc or aws:SourceVpce is one you trust)";
    }

    /** What the warning says happens. */
    static String unrestricted(String api) {
        return api + " admits every caller its security groups let in, from any VPC endpoint (expected: a Deny "
                + "unless aws:SourceVpc or aws:SourceVpce is one you trust, the restriction whose absence exposes AWS "
                + "private APIs)";
    }
}
