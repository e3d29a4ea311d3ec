package io.portcullis.bench.abuse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options as {@code --name=value} pairs, read with a default and checked when read; an unknown or
 * malformed option fails with a message that names it and what was expected.
 */
record Options(Map<String, String> values) {

    static Options parse(String[] args, int from) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("option: '%s' (expected: --name=value)".formatted(a));
            }
            values.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return new Options(values);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int positive(String name, int fallback) {
        String v = values.get(name);
        int n;
        try {
            n = v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--%s: '%s' (expected: an integer)".formatted(name, v));
        }
        if (n <= 0) {
            throw new IllegalArgumentException("--%s: %s (expected: > 0)".formatted(name, n));
        }
        return n;
    }

    Duration millis(String name, long fallback) {
        String v = values.get(name);
        try {
            long ms = v == null ? fallback : Long.parseLong(v);
            if (ms < 0) {
                throw new IllegalArgumentException("--%s: %s (expected: >= 0 milliseconds)".formatted(name, ms));
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--%s: '%s' (expected: milliseconds)".formatted(name, v));
        }
    }

    Duration seconds(String name, double fallback) {
        String v = values.get(name);
        try {
            double s = v == null ? fallback : Double.parseDouble(v);
            if (!(s > 0)) {
                throw new IllegalArgumentException("--%s: %s (expected: > 0 seconds)".formatted(name, s));
            }
            return Duration.ofNanos((long) (s * 1e9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--%s: '%s' (expected: seconds)".formatted(name, v));
        }
    }

    /** {@code host:port}. */
    InetSocketAddress endpoint(String name) {
        String v = values.get(name);
        int colon = v == null ? -1 : v.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--%s: '%s' (expected: HOST:PORT)".formatted(name, v));
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(v.substring(0, colon)),
                    Integer.parseInt(v.substring(colon + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("--%s: '%s' (expected: HOST:PORT)".formatted(name, v));
        }
    }

    InetAddress address(String name) {
        String v = values.get(name);
        try {
            if (v == null) {
                throw new UnknownHostException("missing");
            }
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--%s: '%s' (expected: a local IP address)".formatted(name, v));
        }
    }
}
