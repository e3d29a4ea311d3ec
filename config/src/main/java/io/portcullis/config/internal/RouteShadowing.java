package io.portcullis.config.internal;

import io.portcullis.config.Api;
import io.portcullis.config.api.RouteConfig;
import io.portcullis.settings.RoutePatterns;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Warns about routes the gateway can never take. It takes the first route whose path pattern matches the request's
 * path, whatever the method (a method that route does not list is refused with 405, not tried on later routes), so a
 * route is unreachable when an earlier one matches every path it matches ({@link RoutePatterns#covers}), and two
 * routes with the same path are the extreme case.
 */
final class RouteShadowing {

    private RouteShadowing() {}

    static void check(Located<Api> api, Problems problems) {
        List<RouteConfig> routes = api.value().serving().routes();
        for (int j = 1; j < routes.size(); j++) {
            RouteConfig later = routes.get(j);
            for (int i = 0; i < j; i++) {
                RouteConfig earlier = routes.get(i);
                if (RoutePatterns.covers(earlier.path(), later.path())) {
                    problems.warn(api.where().child(".routes[" + j + "].path"), message(i, earlier, later));
                    break;
                }
            }
        }
    }

    private static String message(int i, RouteConfig earlier, RouteConfig later) {
        String first = "routes[" + i + "]";
        String why = earlier.path().equals(later.path())
                ? "unreachable: " + first + " has the same path '" + later.path() + "'"
                : "unreachable: " + first + " ('" + earlier.path() + "') matches every path '" + later.path() + "' matches";
        return why + ", and the first route whose path matches takes the request whatever its method" + refused(first,
                earlier.settings().methods(), later.settings().methods())
                + " (expected: the narrower route first, or one route per path with all its methods)";
    }

    /** What happens to the later route's methods the earlier one does not list (an empty set lists every method). */
    private static String refused(String first, Set<String> earlier, Set<String> later) {
        if (earlier.isEmpty()) {
            return "";
        }
        if (later.isEmpty()) {
            return "; every method " + first + " does not list is refused with 405";
        }
        Set<String> refused = new TreeSet<>(later);
        refused.removeAll(earlier);
        return refused.isEmpty() ? "" : "; " + String.join(", ", refused) + (refused.size() == 1 ? " is" : " are")
                + " refused with 405 by " + first;
    }
}
