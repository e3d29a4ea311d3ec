package io.portcullis.control.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * An authenticated caller: {@code name} says who ({@code cert:<subject>} or {@code jwt:<issuer>#<subject>}) and is
 * what the store records as {@code createdBy}, {@code promotedBy}; {@code id} is the certificate's common name (else
 * its whole subject) or the token's {@code sub}, what a node's id is bound to; {@code roles} what it may do.
 */
public record Caller(String name, String id, Set<Role> roles) {

    public Caller {
        requireNonNull(name, "name");
        requireNonNull(id, "id");
        roles = Set.copyOf(roles);
    }

    /** Whether the caller holds one of {@code allowed}. */
    public boolean holdsAny(Set<Role> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }
}
