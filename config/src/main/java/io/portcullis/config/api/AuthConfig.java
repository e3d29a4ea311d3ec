package io.portcullis.config.api;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code auth}: token verification, claims bound to the network, and how the principal and the execute-api
 * resource ARN are formed. {@code principal} is a template over token claims such as
 * {@code arn:aws:iam::{account}:role/{sub}}; with no token, a verified client certificate's identity is the
 * principal. The resource is {@code arn:aws:execute-api:REGION:ACCOUNT:API-ID/STAGE/METHOD/PATH}. Every 401 and 403
 * is answered no sooner than {@code failureFloor} after the request arrived, so timing does not tell causes apart.
 */
public record AuthConfig(Optional<JwtConfig> jwt, Optional<BindConfig> bind, Optional<String> principal,
                         String region, String apiId, String stage, Duration failureFloor) {

    /** How long every 401 and 403 takes at least, unless {@code auth.failureFloor} says otherwise. */
    public static final Duration DEFAULT_FAILURE_FLOOR = Duration.ofMillis(5);

    public static final AuthConfig NONE = new AuthConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            "us-east-1", "", "prod", DEFAULT_FAILURE_FLOOR);
}
