package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeadChars;

/**
 * The one place a request target gets its meaning: it is normalized once, and routes, route requirements, the
 * resource policy, rate limits, the request event (audit log, access log, metrics) and the upstream all see the
 * same normalized target, so no layer can be walked around by spelling a path another way.
 *
 * <p>Normalization ({@link #normalize}), on the origin form (an absolute form loses its scheme and authority):
 * <ol>
 *   <li>only visible ASCII is allowed (an HTTP/2 {@code :path} becomes an HTTP/1.1 request line upstream, where a
 *       space, CR or LF would end or split it), and no fragment;</li>
 *   <li>in the path (before {@code ?}), a {@code %XX} that encodes an unreserved character (letters, digits,
 *       {@code - . _ ~}) is decoded, since RFC 3986 section 6.2.2.2 makes both spellings the same resource and
 *       upstreams decode them; any other {@code %XX} stays encoded, with upper-case hex digits, and is decoded
 *       nowhere, so {@code %2561} stays {@code %2561} (no double decoding);</li>
 *   <li>an encoded {@code /}, {@code \} or NUL ({@code %2F}, {@code %5C}, {@code %00}), a raw {@code \}, and a
 *       {@code %} not followed by two hex digits are refused: upstreams disagree on what they mean;</li>
 *   <li>dot segments are removed (RFC 3986 section 5.2.4, after step 2, so {@code %2e%2e} counts); a {@code ..}
 *       that would climb above the root is refused;</li>
 *   <li>runs of {@code /} are merged into one;</li>
 *   <li>the query (from {@code ?}) is kept byte for byte: no layer matches on it.</li>
 * </ol>
 * A target that needs none of it (the common case) is returned as it is, without allocating.
 */
public final class RequestTargets {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestTargets() {}

    /** Why a target was refused. */
    private record Refused(String detail) {}

    /**
     * The normalized origin-form target (path, then the query as sent), or {@code null} when the target must be
     * refused ({@link #refusal} says why). Public so that {@code explain} reads a target exactly as the gateway does.
     */
    public static String normalize(String target) {
        return run(target) instanceof String normalized ? normalized : null;
    }

    /** Why {@link #normalize} refuses {@code target}, for the operator; {@code null} when it does not. */
    public static String refusal(String target) {
        return run(target) instanceof Refused refused ? refused.detail() : null;
    }

    /** The path of a {@link #normalize normalized} target: everything before the query. */
    public static String path(String normalizedTarget) {
        int q = normalizedTarget.indexOf('?');
        return q < 0 ? normalizedTarget : normalizedTarget.substring(0, q);
    }

    /** The target to send upstream: a {@link #normalize normalized} target after the base path ({@code ""}: none). */
    public static String upstreamTarget(String basePath, String normalizedTarget) {
        return basePath.isEmpty() ? normalizedTarget : basePath + normalizedTarget;
    }

    /**
     * The target as it arrived, in origin form (for the record of a request whose target was refused): the
     * scheme and authority of an absolute form are dropped, nothing else changes.
     */
    public static String originForm(String target) {
        return originForm(target, authority(target));
    }

    /** The authority of an absolute-form ({@code http://}, {@code https://}) target, maybe empty; else null. */
    static String authority(String target) {
        int start = target.startsWith("http://") ? 7 : target.startsWith("https://") ? 8 : -1;
        if (start < 0) {
            return null;
        }
        int slash = target.indexOf('/', start);
        int question = target.indexOf('?', start);
        int end = slash < 0 ? target.length() : slash;
        if (question >= 0 && question < end) {
            end = question;
        }
        return target.substring(start, end);
    }

    /** Whether an authority names a host: an http(s) URI without one is invalid (RFC 9110 section 4.2.1). */
    static boolean namesHost(String authority) {
        return !authority.isEmpty() && authority.charAt(0) != ':';
    }

    /** The target without the scheme and {@code authority} of an absolute form ("/" when only a query follows). */
    private static String originForm(String target, String authority) {
        if (authority == null) {
            return target;
        }
        int from = target.indexOf("//") + 2 + authority.length();
        if (from == target.length()) {
            return "/";
        }
        return target.charAt(from) == '?' ? "/" + target.substring(from) : target.substring(from);
    }

    /** The normalized target (a String) or why it is refused (a {@link Refused}). */
    private static Object run(String target) {
        if (!HeadChars.isTarget(target)) {
            return new Refused("request target has a byte outside visible ASCII");
        }
        String authority = authority(target);
        if (authority != null && !namesHost(authority)) {
            return new Refused("absolute request target without a host");
        }
        String t = originForm(target, authority);
        if (t.isEmpty() || t.charAt(0) != '/') {
            return new Refused("request target is not an origin-form path");
        }
        if (t.indexOf('#') >= 0) {
            return new Refused("request target has a fragment");
        }
        int q = t.indexOf('?');
        int pathEnd = q < 0 ? t.length() : q;
        if (isPlain(t, pathEnd)) {
            return t;
        }
        Object decoded = decode(t, pathEnd);
        if (decoded instanceof Refused) {
            return decoded;
        }
        Object path = removeDotSegmentsAndMergeSlashes((String) decoded);
        if (path instanceof Refused) {
            return path;
        }
        return q < 0 ? path : path + t.substring(q);
    }

    /** Whether the path {@code t[0, end)} is already normal: no {@code %}, {@code \}, {@code //} or dot segment. */
    private static boolean isPlain(String t, int end) {
        char previous = 0;
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            if (c == '%' || c == '\\' || c == '/' && previous == '/') {
                return false;
            }
            if (c == '.' && previous == '/') {
                int next = i + 1 < end ? t.charAt(i + 1) : '/';
                if (next == '/' || next == '.' && (i + 2 >= end || t.charAt(i + 2) == '/')) {
                    return false;
                }
            }
            previous = c;
        }
        return true;
    }

    /** Step 2 and 3 on {@code t[0, end)}: unreserved characters decoded, other escapes upper-cased. */
    private static Object decode(String t, int end) {
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                return new Refused("request path has a backslash");
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            int hi = i + 2 < end ? HeadChars.hexValue((byte) t.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? HeadChars.hexValue((byte) t.charAt(i + 2)) : -1;
            if (lo < 0) {
                return new Refused("request path has a '%' not followed by two hex digits");
            }
            int value = hi << 4 | lo;
            if (value == '/' || value == '\\' || value == 0) {
                return new Refused("request path encodes a '/', '\\' or NUL");
            }
            if (isUnreserved(value)) {
                out.append((char) value);
            } else {
                out.append('%').append(HEX[hi]).append(HEX[lo]);
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    /**
     * Steps 4 and 5 on a decoded path that starts with {@code /}: RFC 3986's remove_dot_segments over the path's
     * segments (a {@code ..} above the root refused), then empty segments dropped, a trailing {@code /} kept.
     */
    private static Object removeDotSegmentsAndMergeSlashes(String path) {
        // Segment boundaries of the output, as a stack of start offsets into out.
        StringBuilder out = new StringBuilder(path.length());
        int[] starts = new int[16];
        int depth = 0;
        int i = 1;
        int n = path.length();
        boolean trailingSlash = false;
        while (i <= n) {
            int slash = path.indexOf('/', i);
            int segEnd = slash < 0 ? n : slash;
            int len = segEnd - i;
            boolean last = slash < 0;
            if (len == 1 && path.charAt(i) == '.') {
                trailingSlash = true;
            } else if (len == 2 && path.charAt(i) == '.' && path.charAt(i + 1) == '.') {
                if (depth == 0) {
                    return new Refused("request path climbs above the root with '..'");
                }
                depth--;
                out.setLength(starts[depth]);
                trailingSlash = true;
            } else {
                // An empty segment is a segment to remove_dot_segments ("/a//../b" is "/a/b"), but writes nothing:
                // that merges the slashes. At the end it leaves a trailing slash ("/a//" is "/a/").
                if (depth == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, depth * 2);
                }
                starts[depth++] = out.length();
                if (len > 0) {
                    out.append('/').append(path, i, segEnd);
                }
                trailingSlash = len == 0;
            }
            if (last) {
                break;
            }
            i = segEnd + 1;
        }
        if (out.length() == 0 || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }
}
