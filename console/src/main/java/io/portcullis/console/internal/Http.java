package io.portcullis.console.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plumbing of the console's exchanges: answers with safe headers, queries, forms and cookies read. */
final class Http {

    /** Request bodies (sign-in form, explain form) are small; a larger one is refused unread. */
    static final int MAX_BODY = 64 * 1024;
    static final String SESSION_COOKIE = "portcullis_console";

    private Http() {}

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "same-origin"); // not no-referrer: Chrome would send Origin: null with forms
        // Everything the pages load comes from this listener: no script, style or connection elsewhere.
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    static void text(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpExchange ex, int status, Object node) throws IOException {
        send(ex, status, "application/json", (node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().set("Location", to);
        send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
    }

    static Map<String, String> query(HttpExchange ex) {
        return pairs(ex.getRequestURI().getRawQuery());
    }

    static Map<String, String> pairs(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** The request body, at most {@link #MAX_BODY} bytes; null when larger. */
    static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            return bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static String cookie(HttpExchange ex, String name) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /**
     * Whether a state-changing request comes from the console's own pages: an {@code Origin} header, when the
     * browser sends one, must name this listener (with the session cookie's {@code SameSite=Strict}, against
     * cross-site requests).
     */
    static boolean sameOrigin(HttpExchange ex, boolean tls) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        return origin == null || (host != null && origin.equals((tls ? "https://" : "http://") + host));
    }
}
