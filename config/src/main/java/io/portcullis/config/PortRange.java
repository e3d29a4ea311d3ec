package io.portcullis.config;

/** An inclusive port range; {@link #ALL} when a rule names no ports. */
public record PortRange(int from, int to) {

    public static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("ports: " + from + "-" + to + " (expected: 0 <= from <= to <= 65535)");
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    @Override
    public String toString() {
        return this.equals(ALL) ? "all" : from == to ? Integer.toString(from) : from + "-" + to;
    }
}
