package io.portcullis.runtime.geo;

/**
 * What the Anonymous IP database says of an address it lists: anonymous at all, and each kind of anonymous
 * network. A flag the database's record does not set is false.
 */
public record Anonymity(boolean anonymous, boolean anonymousVpn, boolean hostingProvider, boolean publicProxy,
                        boolean residentialProxy, boolean torExitNode) {}
