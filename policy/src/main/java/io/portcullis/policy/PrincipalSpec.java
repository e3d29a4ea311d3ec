package io.portcullis.policy;

import java.util.List;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}: {@code "*"} ({@link #anyone()}), or the values listed
 * under each principal type. {@code {"AWS": "*"}} is the same as {@code "*"} for a resource policy.
 */
public record PrincipalSpec(boolean anyone, List<String> aws, List<String> service, List<String> federated,
                            List<String> canonicalUser) {

    public PrincipalSpec {
        aws = List.copyOf(aws);
        service = List.copyOf(service);
        federated = List.copyOf(federated);
        canonicalUser = List.copyOf(canonicalUser);
    }

    /** {@code "Principal": "*"}. */
    public static PrincipalSpec star() {
        return new PrincipalSpec(true, List.of(), List.of(), List.of(), List.of());
    }
}
