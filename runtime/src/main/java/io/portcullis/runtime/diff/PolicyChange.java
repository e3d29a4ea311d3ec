package io.portcullis.runtime.diff;

import static java.util.Objects.requireNonNull;

/**
 * A class of request (principal, resource, source VPC, endpoint and address, as the two versions of a Portcullis
 * API's resource policy tell them apart) whose verdict changed: {@code allowed} is the new verdict, and each side's
 * deciding statement (or reason) is named.
 */
public record PolicyChange(String requestClass, String principal, boolean allowed, String before, String after) {
    public PolicyChange {
        requireNonNull(requestClass, "requestClass");
        requireNonNull(principal, "principal");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }
}
