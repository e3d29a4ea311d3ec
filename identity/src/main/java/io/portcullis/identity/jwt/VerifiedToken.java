package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A token whose signature and registered claims were verified: who it names, who issued it, which key signed
 * it, when it expires, and all of its claims (numeric dates as epoch seconds, as they appear in JSON). Claim
 * values are the JSON types: String, Boolean, Long or Double, List, Map.
 */
public record VerifiedToken(String subject, String issuer, String keyId, JwsAlg algorithm, long expiresAtMillis,
                            Map<String, Object> claims) {

    public VerifiedToken {
        requireNonNull(subject, "subject");
        requireNonNull(issuer, "issuer");
        requireNonNull(keyId, "keyId");
        requireNonNull(algorithm, "algorithm");
        claims = Map.copyOf(claims);
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    /** The raw value of a claim, or null when absent. */
    public Object claim(String name) {
        return claims.get(name);
    }

    /**
     * The claim as strings: a JSON string gives one value, an array gives its string elements; anything else
     * (absent, number, object) gives an empty list.
     */
    public List<String> strings(String name) {
        Object v = claims.get(name);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
