package io.portcullis.settings;

import java.net.URI;

/** The check on upstream URLs: plain {@code http://host:port} with an optional base path and nothing else. */
public final class UpstreamUris {

    private UpstreamUris() {}

    /** {@code uri}, or an {@link IllegalArgumentException} saying what an upstream URL must be. */
    public static URI check(URI uri) {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "upstream: '" + uri + "' (expected: http://host[:port][/base-path] without query or user)");
        }
        return uri;
    }
}
