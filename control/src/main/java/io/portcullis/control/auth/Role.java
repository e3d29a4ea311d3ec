package io.portcullis.control.auth;

import java.util.Arrays;
import java.util.Locale;

/** What a caller of the control plane may do; each route names the roles it admits. */
public enum Role {
    VIEWER, PROPOSER, APPROVER, OPERATOR, NODE;

    /** The role named {@code name} (lower case, as written in settings and tokens). */
    public static Role of(String name) {
        for (Role r : values()) {
            if (r.id().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + name + "' (expected: one of "
                + String.join(", ", Arrays.stream(values()).map(Role::id).toList()) + ")");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
