/**
 * Caller identity for the gateway, as a library. {@link io.portcullis.identity.jwt.JwtVerifier} verifies JWTs
 * against an issuer's keys (local file or remote JWKS) and caches verified tokens;
 * {@link io.portcullis.identity.binding.ClaimsBinding} ties token claims to the caller's network position;
 * {@link io.portcullis.identity.mtls.CertificateIdentity} names a caller from its verified client certificate;
 * {@link io.portcullis.identity.requirement.RouteRequirement} checks scopes and roles a route demands.
 *
 * <p>Every outcome is a value: a verified token, or an {@link io.portcullis.identity.jwt.AuthFailure} whose
 * reason code goes to the log and audit log while the client sees one uniform response.
 */
package io.portcullis.identity;
