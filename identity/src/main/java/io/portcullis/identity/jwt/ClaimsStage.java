package io.portcullis.identity.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JWT half of verification, after the signature held: the payload is a claims set; {@code exp} is present
 * and not past, {@code nbf} and {@code iat} are not in the future (each with the clock skew); {@code iss} is
 * the configured issuer; {@code aud} names a configured audience.
 */
final class ClaimsStage {

    private final String issuer;
    private final Set<String> audiences;
    private final long skewMillis;
    private final Clock clock;

    ClaimsStage(JwtSettings settings, Clock clock) {
        this.issuer = settings.issuer();
        this.audiences = settings.audiences();
        this.skewMillis = settings.clockSkew().toMillis();
        this.clock = clock;
    }

    long skewMillis() {
        return skewMillis;
    }

    JwtResult check(JwsStage.Outcome jws) {
        return check(jws, clock.millis());
    }

    /** The claims checked as at {@code now} (epoch milliseconds). */
    JwtResult check(JwsStage.Outcome jws, long now) {
        JWTClaimsSet claims;
        Date exp;
        Date nbf;
        Date iat;
        List<String> aud;
        String iss;
        String sub;
        try {
            claims = jws.jwt().getJWTClaimsSet();
            exp = claims.getExpirationTime();
            nbf = claims.getNotBeforeTime();
            iat = claims.getIssueTime();
            aud = claims.getAudience();
            iss = claims.getIssuer();
            sub = claims.getSubject();
        } catch (ParseException e) {
            return rejected(AuthFailure.TOKEN_MALFORMED, "payload is not a valid claims set: " + e.getMessage());
        }
        if (exp == null) {
            return rejected(AuthFailure.EXP_MISSING, "no exp claim");
        }
        if (now >= exp.getTime() + skewMillis) {
            return rejected(AuthFailure.EXPIRED, "exp " + exp.toInstant() + ", now " + Instant.ofEpochMilli(now)
                    + ", skew " + skewMillis + " ms");
        }
        if (nbf != null && now + skewMillis < nbf.getTime()) {
            return rejected(AuthFailure.NOT_YET_VALID, "nbf " + nbf.toInstant() + ", now " + Instant.ofEpochMilli(now));
        }
        if (iat != null && now + skewMillis < iat.getTime()) {
            return rejected(AuthFailure.ISSUED_IN_FUTURE, "iat " + iat.toInstant() + ", now " + Instant.ofEpochMilli(now));
        }
        if (!issuer.equals(iss)) {
            return rejected(AuthFailure.WRONG_ISSUER, "iss " + Texts.quote(iss));
        }
        if (aud.stream().noneMatch(audiences::contains)) {
            return rejected(AuthFailure.WRONG_AUDIENCE, "aud " + Texts.quote(aud));
        }
        String kid = jws.key().kid() == null ? "" : jws.key().kid();
        return new JwtResult.Verified(new VerifiedToken(sub == null ? "" : sub, iss, kid, jws.alg(), exp.getTime(),
                jsonValues(claims.getClaims())));
    }

    /** Nimbus turns the registered dates into {@link Date}; give them back as the JSON epoch seconds. */
    private static Map<String, Object> jsonValues(Map<String, Object> claims) {
        Map<String, Object> out = new HashMap<>();
        claims.forEach((k, v) -> {
            if (v instanceof Date d) {
                out.put(k, d.getTime() / 1000);
            } else if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static JwtResult rejected(AuthFailure failure, String detail) {
        return new JwtResult.Rejected(failure, detail);
    }
}
