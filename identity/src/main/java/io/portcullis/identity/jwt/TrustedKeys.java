package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable set of admitted keys, looked up by {@code kid}. Loading rejects the whole set when it is
 * ambiguous (two keys share a kid) or mixes symmetric and asymmetric keys; a single unusable key is left out
 * and logged, so one odd key an issuer publishes does not lock everyone out.
 */
final class TrustedKeys {

    private static final Logger log = LoggerFactory.getLogger(TrustedKeys.class);
    static final TrustedKeys EMPTY = new TrustedKeys(List.of(), List.of());

    private final List<VerificationKey> keys;
    private final List<String> leftOut;
    private final Map<String, VerificationKey> byKid;

    private TrustedKeys(List<VerificationKey> keys, List<String> leftOut) {
        this.keys = List.copyOf(keys);
        this.leftOut = List.copyOf(leftOut);
        Map<String, VerificationKey> map = new HashMap<>();
        for (VerificationKey k : keys) {
            if (k.kid() != null) {
                map.put(k.kid(), k);
            }
        }
        this.byKid = Map.copyOf(map);
    }

    /**
     * Parses a JWK set document.
     *
     * @param symmetric true for a {@code sharedSecrets} set ({@code oct} keys only), false for a public JWKS
     * @param origin names the document in messages (a path or URL)
     * @throws IllegalArgumentException when the document is not a JWK set or the set is ambiguous or mixed
     */
    static TrustedKeys parse(String json, boolean symmetric, String origin) {
        List<Object> raw;
        try {
            raw = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(json), "keys");
        } catch (ParseException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage() + " (expected: a JWK set {\"keys\": [...]})");
        }
        if (raw == null) {
            throw new IllegalArgumentException(origin + ": no \"keys\" member (expected: a JWK set {\"keys\": [...]})");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(origin + ": keys[" + i + "] (expected: a JSON object)");
            }
            boolean oct = "oct".equals(m.get("kty"));
            if (oct != symmetric) {
                throw new IllegalArgumentException(origin + ": keys[" + i + "] kty " + m.get("kty") + (symmetric
                        ? " (expected: oct only in sharedSecrets)"
                        : " (expected: no symmetric keys in a public key set; HMAC secrets go in sharedSecrets)"));
            }
            if (m.get("kid") instanceof String kid) {
                Integer first = seen.putIfAbsent(kid, i);
                if (first != null) {
                    throw new IllegalArgumentException(origin + ": kid '" + kid + "' at keys[" + first
                            + "] and keys[" + i + "] (expected: unique kids)");
                }
            }
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw.get(i);
            String why;
            try {
                keys.add(KeyPolicy.admit(JWK.parse(m), symmetric));
                continue;
            } catch (ParseException e) {
                why = "not a valid JWK: " + e.getMessage();
            } catch (KeyPolicy.KeyRejected e) {
                why = e.getMessage();
            }
            String entry = "keys[" + i + "] kid=" + Texts.quote(m.get("kid")) + ": " + why;
            log.warn("{}: {} left out", origin, entry);
            leftOut.add(entry);
        }
        return new TrustedKeys(keys, leftOut);
    }

    /** Why each key of the document that is not here was left out. */
    List<String> leftOut() {
        return leftOut;
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    VerificationKey byKid(String kid) {
        return byKid.get(kid);
    }

    /** The one key usable for {@code alg} when the token names no kid; null when none or several fit. */
    VerificationKey soleKeyFor(JwsAlg alg) {
        VerificationKey found = null;
        for (VerificationKey k : keys) {
            if (k.usableFor(alg)) {
                if (found != null) {
                    return null;
                }
                found = k;
            }
        }
        return found;
    }

    /** True when some key of {@code previous} is gone from this set (a removal may mean a compromise). */
    boolean removedAnyOf(TrustedKeys previous) {
        for (VerificationKey old : previous.keys) {
            if (old.kid() == null ? !keys.contains(old) : byKid(old.kid()) == null) {
                return true;
            }
        }
        return false;
    }
}
