/**
 * JWT verification with Nimbus JOSE+JWT. The public surface is {@link io.portcullis.identity.jwt.JwtSettings}
 * (the {@code auth.jwt} settings), {@link io.portcullis.identity.jwt.JwtVerifier} (the facade, built once per
 * API and swapped whole on reload) and its result values; key handling, the JWKS refresher and the
 * verified-token cache are package-private.
 */
package io.portcullis.identity.jwt;
