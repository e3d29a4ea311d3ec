package io.portcullis.runtime.reach;

import static java.util.Objects.requireNonNull;

/**
 * A class of callers the policies cannot tell apart, evaluated through one representative.
 *
 * <ul>
 *   <li>{@code ANONYMOUS}: an unsigned request (or one carrying a bearer token rather than a SigV4 signature, which
 *       AWS also evaluates as anonymous); only {@code Principal: "*"} matches it.</li>
 *   <li>{@code API_ACCOUNT}: an IAM principal of the API's own account that no policy names.</li>
 *   <li>{@code NAMED}: a principal a policy names ({@code arn} the ARN), or a principal of an account a policy names
 *       that the policies do not name by ARN (a role of that account no policy names).</li>
 *   <li>{@code OTHER_ACCOUNT}: an IAM principal of any account no policy names (the estate's others or foreign).</li>
 * </ul>
 *
 * @param arn the representative's ARN ({@code ""} for anonymous)
 * @param account its account ({@code ""} for anonymous)
 */
public record PrincipalClass(Kind kind, String arn, String account) {

    public enum Kind { ANONYMOUS, API_ACCOUNT, NAMED, OTHER_ACCOUNT }

    public PrincipalClass {
        requireNonNull(kind, "kind");
        requireNonNull(arn, "arn");
        requireNonNull(account, "account");
    }

    /** Whether the class stands for signed (IAM) requests, for methods with IAM authorization. */
    public boolean signed() {
        return kind != Kind.ANONYMOUS;
    }

    /** {@code anonymous}, {@code account 111111111111}, {@code arn:aws:iam::...:role/x}, {@code any other account}. */
    public String label() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case API_ACCOUNT -> "IAM principal of " + account + " (the API's account)";
            case NAMED -> arn.endsWith("/" + Representatives.UNNAMED) ? "IAM principal of " + account + " (the account is named)" : arn;
            case OTHER_ACCOUNT -> "IAM principal of any other account";
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
