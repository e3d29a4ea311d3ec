package io.portcullis.identity.jwt;

/**
 * The outcome of the JWS half alone (syntax, alg allow-list, {@code crit}, key, signature), for callers that
 * verify signed content that is not a JWT, and for conformance tests.
 *
 * @param failure the cause, or null when the signature verified with a trusted key
 * @param detail for operators; empty on success
 */
public record SignatureCheck(AuthFailure failure, String detail) {

    public boolean passed() {
        return failure == null;
    }
}
