package io.portcullis.config.internal;

import java.util.regex.Pattern;

/** A listen address, {@code host:port} or {@code [v6]:port}. */
public record HostPort(String host, int port) {

    private static final Pattern FORM = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]]+)):(\\d{1,5})");

    public static HostPort parse(String value, String path, Problems problems) {
        var m = FORM.matcher(value);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(3));
            if (port >= 1 && port <= 65535) {
                return new HostPort(m.group(1) != null ? m.group(1) : m.group(2), port);
            }
        }
        problems.error(path, "'" + value + "' (expected: HOST:PORT or [IPv6]:PORT with a port 1-65535)");
        return null;
    }
}
