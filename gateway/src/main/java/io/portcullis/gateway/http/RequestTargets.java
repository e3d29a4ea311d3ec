package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeadChars;

/**
 * Checks a request target before routing: routes and upstreams must see the same path, so targets whose meaning
 * changes under normalization (dot segments, encoded slashes, dots or backslashes, empty segments) are refused
 * rather than normalized differently from the upstream, and so are targets with a byte a request line may not
 * carry (HTTP/2 paths reach the upstream as HTTP/1.1 request lines).
 */
public final class RequestTargets {

    private RequestTargets() {}

    /**
     * The path of an origin-form (or absolute-form) target, or {@code null} when it must be refused. Public so
     * that {@code explain} routes a target exactly as the gateway does.
     */
    public static String path(String target) {
        // Visible ASCII only, as HTTP/1.1's request line allows: an HTTP/2 :path is not checked by the codec, and a
        // space, CR, LF or other byte in it would end or split the request line written for the upstream.
        if (!HeadChars.isTarget(target)) {
            return null;
        }
        String authority = authority(target);
        if (authority != null && !namesHost(authority)) {
            return null;
        }
        String t = originForm(target, authority);
        if (t.isEmpty() || t.charAt(0) != '/') {
            return null;
        }
        int q = t.indexOf('?');
        String path = q < 0 ? t : t.substring(0, q);
        int hash = path.indexOf('#');
        if (hash >= 0 || path.indexOf('\\') >= 0 || path.contains("//")) {
            return null;
        }
        if (path.indexOf('%') >= 0) {
            String lower = path.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
                return null;
            }
        }
        if (path.contains("/.") && (path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/.."))) {
            return null;
        }
        return path;
    }

    /** The target to send upstream: origin-form, after the base path ({@code ""}: the target in origin form). */
    public static String upstreamTarget(String basePath, String target) {
        String t = originForm(target, authority(target));
        return basePath.isEmpty() ? t : basePath + t;
    }

    /** The authority of an absolute-form ({@code http://}, {@code https://}) target, maybe empty; else null. */
    static String authority(String target) {
        int start = target.startsWith("http://") ? 7 : target.startsWith("https://") ? 8 : -1;
        if (start < 0) {
            return null;
        }
        int slash = target.indexOf('/', start);
        return target.substring(start, slash < 0 ? target.length() : slash);
    }

    /** Whether an authority names a host: an http(s) URI without one is invalid (RFC 9110 section 4.2.1). */
    static boolean namesHost(String authority) {
        return !authority.isEmpty() && authority.charAt(0) != ':';
    }

    /** The target without the scheme and {@code authority} of an absolute form ("/" when nothing follows them). */
    private static String originForm(String target, String authority) {
        if (authority == null) {
            return target;
        }
        int from = target.indexOf("//") + 2 + authority.length();
        return from == target.length() ? "/" : target.substring(from);
    }
}
