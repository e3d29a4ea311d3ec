package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A port that must not be open to a wide range: {@code tcp/22}, {@code udp/161}; {@code all} stands for rules of
 * protocol all (every port at once).
 *
 * @param protocol {@code 6} (tcp), {@code 17} (udp), or {@code -1} for all traffic
 * @param port the port; 0 for all traffic
 * @param name what usually listens there ({@code SSH}), for messages
 */
public record RiskyPort(int protocol, int port, String name) {

    /** SSH, RDP, MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Elasticsearch; and all traffic. */
    public static final List<RiskyPort> DEFAULTS = List.of(
            new RiskyPort(6, 22, "SSH"), new RiskyPort(6, 3389, "RDP"), new RiskyPort(6, 3306, "MySQL"),
            new RiskyPort(6, 5432, "PostgreSQL"), new RiskyPort(6, 1433, "SQL Server"), new RiskyPort(6, 1521, "Oracle"),
            new RiskyPort(6, 27017, "MongoDB"), new RiskyPort(6, 6379, "Redis"), new RiskyPort(6, 9200, "Elasticsearch"),
            new RiskyPort(-1, 0, "all traffic"));

    public RiskyPort {
        requireNonNull(name, "name");
        if (protocol != 6 && protocol != 17 && protocol != -1) {
            throw new IllegalArgumentException("protocol: " + protocol + " (expected: tcp, udp or all)");
        }
        if (protocol != -1 && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
    }

    public boolean allTraffic() {
        return protocol == -1;
    }

    /** {@code tcp/22}, {@code udp/161} or {@code all}; the name is the default's when it has one. */
    public static RiskyPort parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return new RiskyPort(-1, 0, "all traffic");
        }
        int slash = t.indexOf('/');
        String proto = slash < 0 ? "" : t.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        int protocol = proto.equals("tcp") ? 6 : proto.equals("udp") ? 17 : 0;
        int port;
        try {
            port = slash < 0 ? -1 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (protocol == 0 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("risky port: '" + text + "' (expected: tcp/PORT, udp/PORT or all, "
                    + "such as tcp/22)");
        }
        int p = port;
        String name = DEFAULTS.stream().filter(d -> d.protocol == protocol && d.port == p).map(RiskyPort::name)
                .findFirst().orElse(t);
        return new RiskyPort(protocol, port, name);
    }

    @Override
    public String toString() {
        return allTraffic() ? "all" : (protocol == 6 ? "tcp/" : "udp/") + port;
    }
}
