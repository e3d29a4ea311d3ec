package io.portcullis.gateway.http;

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
        for (int i = 0, n = target.length(); i < n; i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return null;
            }
        }
        String t = target;
        if (t.startsWith("http://") || t.startsWith("https://")) {
            int host = t.indexOf("//") + 2;
            int slash = t.indexOf('/', host);
            if (host == (slash < 0 ? t.length() : slash) || t.charAt(host) == ':') {
                return null; // an http(s) URI without a host is invalid (RFC 9110 section 4.2.1)
            }
            t = slash < 0 ? "/" : t.substring(slash);
        }
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
        String t = target;
        if (t.startsWith("http://") || t.startsWith("https://")) {
            int slash = t.indexOf('/', t.indexOf("//") + 2);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        return basePath.isEmpty() ? t : basePath + t;
    }
}
