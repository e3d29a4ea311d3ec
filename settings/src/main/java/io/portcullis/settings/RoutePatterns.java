package io.portcullis.settings;

import static java.util.Objects.requireNonNull;

/**
 * Route path patterns compared with each other: whether every path one pattern matches is matched by another, so
 * that {@code validate} can name a route an earlier one makes unreachable (the gateway takes the first route whose
 * pattern matches the path, whatever the method). The grammar is {@link RouteSettings#path()}'s, split as the
 * gateway's router splits it: literal segments, {@code *} for exactly one non-empty segment, a trailing
 * {@code /**} for any rest, including none.
 */
public final class RoutePatterns {

    private RoutePatterns() {}

    /** Whether {@code earlier} matches every path that {@code later} matches. */
    public static boolean covers(String earlier, String later) {
        Split a = split(requireNonNull(earlier, "earlier"));
        Split b = split(requireNonNull(later, "later"));
        if (a.tail() ? b.segments().length < a.segments().length
                : b.tail() || b.segments().length != a.segments().length) {
            return false;
        }
        for (int i = 0; i < a.segments().length; i++) {
            String x = a.segments()[i];
            String y = b.segments()[i];
            // '*' takes any non-empty segment, '*' included; a literal only itself.
            if (x.equals("*") ? y.isEmpty() : !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private record Split(String[] segments, boolean tail) {}

    private static Split split(String path) {
        boolean tail = path.endsWith("/**");
        String body = tail ? path.substring(0, path.length() - 3) : path;
        return new Split(body.isEmpty() || body.equals("/") ? new String[0] : body.substring(1).split("/", -1), tail);
    }
}
