package io.portcullis.config.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code auth.jwt}: who may issue tokens for this API and how they are checked. {@code jwks} is an {@code https://}
 * URL or a file path (resolved against the configuration file's directory); {@code sharedSecrets} is the file of
 * HMAC keys, required for and only for HS algorithms. The token is read from {@code tokenHeader}, with the
 * {@code Bearer} scheme when {@code bearer}; the upstream gets that header only when {@code forwardToken}
 * ({@code tokenFrom.forward}), since a verified credential is the gateway's to check, not the upstream's to reuse.
 */
public record JwtConfig(String issuer, List<String> audiences, List<String> algorithms, Optional<String> jwks,
                        Optional<String> sharedSecrets, Optional<Duration> clockSkew, String tokenHeader, boolean bearer,
                        boolean forwardToken) {
    public JwtConfig {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
    }
}
