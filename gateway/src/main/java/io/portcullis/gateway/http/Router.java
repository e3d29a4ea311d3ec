package io.portcullis.gateway.http;

import io.portcullis.decision.Decision;
import io.portcullis.settings.RouteSettings;
import java.util.List;

/**
 * Matches a request path to the first route whose pattern matches: exact segments, {@code *} for exactly one
 * segment, a trailing {@code /**} for any rest (including none). Patterns are split once when the settings are
 * compiled; matching walks the path's characters without allocating. With no routes every path matches an
 * implicit catch-all.
 */
public final class Router {

    private final List<RouteSettings> routes;
    private final String[][] segments;
    private final boolean[] tail;

    public Router(List<RouteSettings> routes) {
        this.routes = List.copyOf(routes);
        this.segments = new String[routes.size()][];
        this.tail = new boolean[routes.size()];
        for (int i = 0; i < routes.size(); i++) {
            String path = routes.get(i).path();
            tail[i] = path.endsWith("/**");
            String body = tail[i] ? path.substring(0, path.length() - 3) : path;
            segments[i] = body.isEmpty() || body.equals("/") ? new String[0] : body.substring(1).split("/", -1);
        }
    }

    public boolean isEmpty() {
        return routes.isEmpty();
    }

    /** The index of the first route matching the path (query removed), or -1. */
    public int match(String path) {
        for (int i = 0; i < segments.length; i++) {
            if (matches(segments[i], tail[i], path)) {
                return i;
            }
        }
        return -1;
    }

    public RouteSettings route(int index) {
        return routes.get(index);
    }

    /**
     * Why a request may not take the route {@link #match} found ({@code index}, -1 for none): {@code no-route} when
     * the API has routes and none matched, {@code method-not-allowed} when the route does not list the method or
     * the method is {@code TRACE} or {@code CONNECT}, which are never forwarded;
     * {@code null} when it may. The gateway answers these with 404 and 405; {@code explain} reports them.
     */
    public Decision refusal(int index, String method, String path) {
        if (method.equals("TRACE") || method.equals("CONNECT")) {
            // TRACE echoes the request (credentials included) back to whoever can read the response; CONNECT
            // would turn the gateway into a tunnel. Neither is ever forwarded, whatever the routes say.
            return Decision.deny(HttpReasons.METHOD_NOT_ALLOWED, "gateway", method + " is never forwarded");
        }
        RouteSettings route = index >= 0 ? routes.get(index) : null;
        if (route == null && !routes.isEmpty()) {
            return Decision.deny(HttpReasons.NO_ROUTE, "routes", "no route for " + path);
        }
        if (route != null && !route.methods().isEmpty() && !route.methods().contains(method)) {
            return Decision.deny(HttpReasons.METHOD_NOT_ALLOWED, "route " + route.path(), method + " not in " + route.methods());
        }
        return null;
    }

    private static boolean matches(String[] pattern, boolean tail, String path) {
        int pos = path.isEmpty() || path.charAt(0) != '/' ? -1 : 1;
        if (pos < 0) {
            return false;
        }
        int end = path.length();
        if (pattern.length == 0) {
            return tail || end <= 1;
        }
        for (int s = 0; s < pattern.length; s++) {
            if (pos > end) {
                return false;
            }
            int slash = path.indexOf('/', pos);
            int segEnd = slash < 0 ? end : slash;
            String want = pattern[s];
            boolean ok = want.equals("*") ? segEnd > pos
                    : segEnd - pos == want.length() && path.regionMatches(pos, want, 0, want.length());
            if (!ok) {
                return false;
            }
            pos = segEnd + 1;
        }
        return tail ? true : pos > end;
    }
}
