package io.portcullis.settings;

/**
 * What a rate limit counts against: each distinct value of the key has its own token bucket. The keys of who the
 * caller is ({@link #PRINCIPAL}, {@link #SUBJECT}, {@link #CERTIFICATE}) count a request that establishes no such
 * identity against its source instead, as {@link #WORKLOAD} counts it (a bucket of its own, never shared with an
 * identity of the same name), so a request without an identity is limited, never exempt.
 */
public enum RateLimitKey {
    /** The source workload or partner (the address when the caller is neither). */
    WORKLOAD,
    /** Each effective security group of the source (a request spends a token from every group's bucket). */
    GROUP,
    /** The source address. */
    ADDRESS,
    /** The whole API: one bucket shared by all callers. */
    API,
    /** The matched route: one bucket per route shared by all callers. */
    ROUTE,
    /** The principal the API's authorizer established (the principal ARN, else the token subject or certificate). */
    PRINCIPAL,
    /** The verified token's subject ({@code sub}). */
    SUBJECT,
    /** The verified client certificate's identity (its first SAN URI, else its first DNS name). */
    CERTIFICATE
}
