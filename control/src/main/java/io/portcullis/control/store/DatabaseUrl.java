package io.portcullis.control.store;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the control plane's database is: {@code postgresql://HOST[:PORT]/DATABASE[?user=NAME&password=...]} (the
 * {@code jdbc:} prefix is accepted too). {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String jdbcUrl, String shown) {

    private static final String EXPECTED = "(expected: postgresql://HOST[:PORT]/DATABASE[?user=NAME&password=...])";

    /** Parses {@code text}; an invalid one is refused with what was wrong. */
    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--db: empty " + EXPECTED);
        }
        String url = text.startsWith("jdbc:") ? text.substring(5) : text;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--db: not a URL (" + e.getReason() + ") " + EXPECTED);
        }
        String shown = masked(uri);
        if (!"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--db: '" + shown + "': scheme " + uri.getScheme() + " " + EXPECTED);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--db: '" + shown + "': no host " + EXPECTED);
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("--db: '" + shown + "': no database name " + EXPECTED);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("--db: '" + shown + "': credentials before the host " + EXPECTED);
        }
        return new DatabaseUrl("jdbc:" + url, shown);
    }

    private static String masked(URI uri) {
        String s = uri.toString();
        return s.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return shown;
    }
}
