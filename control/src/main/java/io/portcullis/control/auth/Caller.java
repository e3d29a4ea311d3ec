package io.portcullis.control.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * An authenticated caller: {@code name} says who ({@code cert:<subject>} or {@code jwt:<issuer>#<subject>}) and is
 * what the store records as {@code createdBy}, {@code promotedBy}; {@code roles} what it may do.
 */
public record Caller(String name, Set<Role> roles) {

    public Caller {
        requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    /** Whether the caller holds one of {@code allowed}. */
    public boolean holdsAny(Set<Role> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }
}
