package io.portcullis.config.api;

import java.util.Optional;

/** {@code auth.bind}: token claims that must agree with the caller's network position. */
public record BindConfig(Optional<String> groupsClaim, Optional<String> accountClaim, Optional<String> workloadClaim) {}
