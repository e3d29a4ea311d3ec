package io.portcullis.gateway.invariant;

import java.util.Locale;

/**
 * The path normalization contract, written from its text and not from the gateway's code, so that a test can
 * say what the gateway must route, authorize, report and forward for any target.
 *
 * <p>The contract: the path (the target before {@code ?}) is normalized once. A {@code %XX} that decodes to an
 * unreserved character (ALPHA, DIGIT, {@code - . _ ~}) is decoded; any other {@code %XX} is kept with upper-case
 * hex digits; {@code %2F}, {@code %5C}, {@code %00} (any case), a raw {@code \}, a {@code %} not followed by two
 * hex digits and any byte outside visible ASCII are refused (400). Then dot segments are removed as RFC 3986
 * section 5.2.4 says, and a {@code ..} that would climb above the root (rule C with an empty output buffer) is
 * refused; then runs of {@code /} are merged. The query (from the first {@code ?}) is kept byte for byte.
 */
final class PathOracle {

    /** What the contract makes of a target: the normalized target, or {@code null} with why it is refused. */
    record Verdict(String target, String refusal) {

        static Verdict normal(String target) {
            return new Verdict(target, null);
        }

        static Verdict refused(String why) {
            return new Verdict(null, why);
        }

        boolean refused() {
            return target == null;
        }

        /** The normalized path, without the query. */
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
    }

    private PathOracle() {}

    /** Normalizes an origin-form target (path and optional query) under the contract. */
    static Verdict normalize(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q);
        if (!path.startsWith("/")) {
            return Verdict.refused("not an origin-form path");
        }
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return Verdict.refused("byte outside visible ASCII");
            }
            if (c == '\\') {
                return Verdict.refused("backslash");
            }
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            if (i + 2 >= path.length() || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0) {
                return Verdict.refused("% not followed by two hex digits");
            }
            int b = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
            if (b == '/' || b == '\\' || b == 0) {
                return Verdict.refused("encoded slash, backslash or NUL");
            }
            if (unreserved(b)) {
                decoded.append((char) b);
            } else {
                decoded.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
            }
            i += 2;
        }
        String withoutDots = removeDotSegments(decoded.toString(), true);
        if (withoutDots == null) {
            return Verdict.refused("'..' above the root");
        }
        return Verdict.normal(mergeSlashes(withoutDots) + query);
    }

    /** Whether a normalized path (query removed) is {@code /admin} or under it, as the test authorizer decides. */
    static boolean namesAdmin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    /** The route of the fixture's gateway a normalized path takes (first match of its route list). */
    static String route(String path) {
        for (String prefix : new String[] {"/public", "/admin", "/limited"}) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return prefix + "/**";
            }
        }
        return "/**";
    }

    /**
     * The path a lenient upstream makes of a target it receives: every {@code %XX} decoded once, backslashes
     * taken as slashes, dot segments removed (clamped at the root) and slashes merged. An upstream that runs an
     * admin path is one the authorizer must have allowed as admin, whatever the gateway thought the path was.
     */
    static String lenientUpstreamPath(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                decoded.append((char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2))));
                i += 2;
            } else {
                decoded.append(c == '\\' ? '/' : c);
            }
        }
        String s = decoded.toString();
        return mergeSlashes(removeDotSegments(s.startsWith("/") ? s : "/" + s, false));
    }

    /**
     * RFC 3986 section 5.2.4 on an absolute path. With {@code strict}, a {@code ..} met while the output buffer is
     * empty (it would climb above the root) gives {@code null}; without, it is dropped.
     */
    static String removeDotSegments(String path, boolean strict) {
        StringBuilder out = new StringBuilder(path.length());
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../") || in.equals("/..")) {
                if (out.length() == 0 && strict) {
                    return null;
                }
                in = in.length() == 3 ? "/" : in.substring(3);
                out.setLength(Math.max(out.lastIndexOf("/"), 0));
            } else {
                int next = in.indexOf('/', 1);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in = in.substring(end);
            }
        }
        return out.toString();
    }

    private static String mergeSlashes(String path) {
        return path.replaceAll("/{2,}", "/");
    }

    private static boolean unreserved(int b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '.'
                || b == '_' || b == '~';
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : -1;
    }
}
