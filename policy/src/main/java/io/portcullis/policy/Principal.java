package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The caller as a policy sees it: anonymous, or an identity of one principal type ({@code AWS} ARN, {@code Service}
 * name, {@code Federated} provider, {@code CanonicalUser} id). For an AWS ARN the account and, for an STS
 * assumed-role session, the role are derived once here, so matching does not parse ARNs per statement.
 */
public final class Principal {

    /** The principal types of the {@code Principal} element. */
    public enum Type { ANONYMOUS, AWS, SERVICE, FEDERATED, CANONICAL_USER }

    private static final Principal ANONYMOUS = new Principal(Type.ANONYMOUS, "*");

    private final Type type;
    private final String id;
    private final String account;
    private final String roleKey;

    private Principal(Type type, String id) {
        this.type = requireNonNull(type, "type");
        this.id = requireNonNull(id, "id");
        String acct = "";
        String role = "";
        if (type == Type.AWS) {
            if (id.length() == 12 && id.chars().allMatch(Character::isDigit)) {
                acct = id;
            } else if (id.startsWith("arn:")) {
                String[] parts = id.split(":", 6);
                if (parts.length == 6) {
                    acct = parts[4];
                    if (parts[2].equals("sts") && parts[5].startsWith("assumed-role/")) {
                        String[] r = parts[5].split("/");
                        role = r.length >= 2 ? roleKey(acct, r[1]) : "";
                    }
                }
            }
        }
        this.account = acct;
        this.roleKey = role;
    }

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    /** An AWS principal: an IAM/STS ARN or a 12-digit account id. */
    public static Principal aws(String arnOrAccount) {
        return new Principal(Type.AWS, arnOrAccount);
    }

    public static Principal of(Type type, String id) {
        return type == Type.ANONYMOUS ? ANONYMOUS : new Principal(type, id);
    }

    public Type type() {
        return type;
    }

    public String id() {
        return id;
    }

    /** The 12-digit account of an AWS principal, or "". */
    public String account() {
        return account;
    }

    /** {@code account|rolename} (lower-case role name) for an assumed-role session, or "". */
    String roleKey() {
        return roleKey;
    }

    /** The key under which a role ARN and its sessions meet; IAM role names are case-insensitive. */
    static String roleKey(String account, String roleName) {
        return account + "|" + roleName.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Principal p && p.type == type && p.id.equals(id);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + id.hashCode();
    }

    @Override
    public String toString() {
        return type == Type.ANONYMOUS ? "*" : type + ":" + id;
    }
}
