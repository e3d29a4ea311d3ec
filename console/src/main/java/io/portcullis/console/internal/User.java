package io.portcullis.console.internal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A signed-in user: who (token subject or certificate identity), the role, and until when the sign-in holds. */
public record User(String name, Role role, Instant until) {
    public User {
        requireNonNull(name, "name");
        requireNonNull(role, "role");
        requireNonNull(until, "until");
    }
}
