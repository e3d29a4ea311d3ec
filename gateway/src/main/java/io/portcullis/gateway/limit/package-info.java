/**
 * Request rate limits: the {@link io.portcullis.gateway.limit.RateLimiter} store (per node here,
 * {@link io.portcullis.gateway.limit.LocalRateLimiter} on Bucket4j; a shared store can implement the same
 * interface), the {@link io.portcullis.gateway.limit.RateLimitProbe} outcome, and the IETF
 * {@code RateLimit}/{@code RateLimit-Policy} header values of {@link io.portcullis.gateway.limit.RateLimitHeaders}.
 */
package io.portcullis.gateway.limit;
