package io.portcullis.settings;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One route of an API: a path pattern ({@code /exact}, {@code /orders/*} for one segment,
 * {@code /orders/**} for any rest), the methods it accepts (empty: any), an optional upstream replacing the
 * API's, and optional route limits (a smaller body limit and route-scoped rate limits).
 */
public record RouteSettings(String path, Set<String> methods, Optional<URI> upstream, OptionalLong maxBodyBytes,
                            List<RateLimitSettings> rateLimits) {

    public RouteSettings {
        requireNonNull(path, "path");
        requireNonNull(upstream, "upstream");
        requireNonNull(maxBodyBytes, "maxBodyBytes");
        int doubleStar = path.indexOf("**");
        if (!path.startsWith("/") || doubleStar >= 0 && (doubleStar != path.length() - 2 || !path.endsWith("/**"))) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: starts with '/', '*' for one segment, "
                    + "'**' only as the last segment)");
        }
        methods = requireNonNull(methods, "methods").stream().map(m -> m.toUpperCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        for (String m : methods) {
            if (!m.matches("[A-Z]+")) {
                throw new IllegalArgumentException("methods: '" + m + "' (expected: an HTTP method such as GET)");
            }
        }
        upstream.ifPresent(UpstreamUris::check);
        maxBodyBytes.ifPresent(b -> Checks.positive("maxBodyBytes", b));
        rateLimits = List.copyOf(requireNonNull(rateLimits, "rateLimits"));
    }

    /** A route for every method with no limits of its own. */
    public static RouteSettings of(String path) {
        return new RouteSettings(path, Set.of(), Optional.empty(), OptionalLong.empty(), List.of());
    }
}
