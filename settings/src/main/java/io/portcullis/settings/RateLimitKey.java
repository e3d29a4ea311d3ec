package io.portcullis.settings;

/** What a rate limit counts against: each distinct value of the key has its own token bucket. */
public enum RateLimitKey {
    /** The source workload (the address when the caller is not a declared workload). */
    WORKLOAD,
    /** Each effective security group of the source (a request spends a token from every group's bucket). */
    GROUP,
    /** The source address. */
    ADDRESS,
    /** The whole API: one bucket shared by all callers. */
    API,
    /** The matched route: one bucket per route shared by all callers. */
    ROUTE
}
