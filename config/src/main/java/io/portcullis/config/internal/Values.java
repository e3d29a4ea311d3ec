package io.portcullis.config.internal;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.GroupRef;
import io.portcullis.config.PortRange;
import io.portcullis.config.Protocol;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsers for the configuration's scalar types. Each reports a precise error and returns null on bad input. */
public final class Values {

    public static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    public static final Pattern VPC = Pattern.compile("vpc-[A-Za-z0-9-]+");
    public static final Pattern GROUP = Pattern.compile("sg-[A-Za-z0-9-]+");
    public static final Pattern ENDPOINT = Pattern.compile("vpce-[A-Za-z0-9-]+");
    public static final Pattern PREFIX_LIST = Pattern.compile("pl-[A-Za-z0-9-]+");
    /** An AWS region name: {@code us-east-1}, {@code eu-west-2}, {@code us-gov-west-1}. */
    public static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Pattern GROUP_REF = Pattern.compile("(?:(\\d{12})/)?(sg-[A-Za-z0-9-]+)");
    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Pattern URI_SAN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[!-~]{1,2000}");
    private static final Pattern DNS_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private Values() {}

    public static String matching(String value, Pattern pattern, String path, String expected, Problems problems) {
        if (value == null) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            problems.error(path, "'" + value + "' (expected: " + expected + ")");
            return null;
        }
        return value;
    }

    /** {@code sg-x} (in {@code defaultAccount}) or {@code ACCOUNT/sg-x}. */
    public static GroupRef groupRef(String value, String defaultAccount, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        var m = GROUP_REF.matcher(value);
        if (!m.matches()) {
            problems.error(path, "'" + value + "' (expected: a group reference, 'sg-id' or 'ACCOUNT/sg-id')");
            return null;
        }
        String account = m.group(1) != null ? m.group(1) : defaultAccount;
        return account == null ? null : new GroupRef(account, m.group(2));
    }

    /** A CIDR in canonical form (host bits clear), IPv4 or IPv6; returned normalized. */
    public static IPAddress cidr(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            IPAddress a = new IPAddressString(value).toAddress();
            if (a == null || !a.isPrefixed()) {
                problems.error(path, "'" + value + "' (expected: a CIDR such as 10.0.0.0/16 or fd00::/48)");
                return null;
            }
            if (!a.isPrefixBlock()) {
                problems.error(path, "'" + value + "' has host bits set (expected: " + a.toPrefixBlock().toCanonicalString() + ")");
                return null;
            }
            return a;
        } catch (AddressStringException | RuntimeException e) { // the library throws unchecked on some inputs (huge prefixes)
            problems.error(path, "'" + value + "' (expected: a CIDR such as 10.0.0.0/16 or fd00::/48)");
            return null;
        }
    }

    /**
     * A client certificate identity as the TLS layer reads it from a certificate's subject alternative names: a
     * URI (a SPIFFE id such as {@code spiffe://partner.example/analytics}) as written, or a DNS name, returned in
     * lower case (certificates' DNS names are compared without case).
     */
    public static String certificateIdentity(String value, String path, Problems problems) {
        if (URI_SAN.matcher(value).matches()) {
            return value;
        }
        if (value.length() <= 253 && DNS_NAME.matcher(value).matches()) {
            return value.toLowerCase(Locale.ROOT);
        }
        problems.error(path, "'" + value + "' (expected: a certificate identity: a URI such as "
                + "spiffe://partner.example/analytics, or a DNS name such as analytics.partner.example)");
        return null;
    }

    /** A single IPv4 or IPv6 address, no prefix. */
    public static IPAddress address(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            IPAddress a = new IPAddressString(value).toAddress();
            if (a == null || a.isPrefixed() || a.isMultiple()) {
                problems.error(path, "'" + value + "' (expected: one IPv4 or IPv6 address, without a prefix)");
                return null;
            }
            return a;
        } catch (AddressStringException | RuntimeException e) { // the library throws unchecked on some inputs
            problems.error(path, "'" + value + "' (expected: an IPv4 or IPv6 address)");
            return null;
        }
    }

    public static Protocol protocol(String value, String path, Problems problems) {
        if (value == null) {
            problems.error(path, "missing (expected: tcp, udp, icmp, icmpv6, all, or a protocol number 0-255)");
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "tcp": return Protocol.TCP;
            case "udp": return Protocol.UDP;
            case "icmp": return Protocol.ICMP;
            case "icmpv6": return Protocol.ICMPV6;
            case "all": case "-1": return Protocol.ALL;
            default:
                if (value.matches("\\d{1,3}") && Integer.parseInt(value) <= 255) {
                    return new Protocol(Integer.parseInt(value));
                }
                problems.error(path, "'" + value + "' (expected: tcp, udp, icmp, icmpv6, all, or a protocol number 0-255)");
                return null;
        }
    }

    public static PortRange ports(String value, String path, Problems problems) {
        var m = PORTS.matcher(value);
        if (m.matches()) {
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from <= to && to <= 65535) {
                return new PortRange(from, to);
            }
        }
        problems.error(path, "'" + value + "' (expected: a port N or a range \"N-M\" with 0 <= N <= M <= 65535)");
        return null;
    }

    public static DayOfWeek day(String value, String path, Problems problems) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            if (v.equals(full) || v.equals(full.substring(0, 3))) {
                return d;
            }
        }
        problems.error(path, "'" + value + "' (expected: a day, mon..sun or monday..sunday)");
        return null;
    }

    public static LocalTime time(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        if (!HHMM.matcher(value).matches()) {
            problems.error(path, "'" + value + "' (expected: a wall-clock time HH:MM, 00:00-23:59)");
            return null;
        }
        return LocalTime.parse(value);
    }

    public static ZoneId zone(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            problems.error(path, "'" + value + "' (expected: a time zone such as UTC or Europe/London)");
            return null;
        }
    }

    public static Instant instant(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                problems.error(path, "'" + value + "' (expected: an instant such as 2026-12-31T23:59:59Z)");
                return null;
            }
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");

    /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT10S}); positive. */
    public static java.time.Duration duration(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        java.time.Duration d = null;
        var m = DURATION.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofDays(n);
            };
        } else if (value.startsWith("P") || value.startsWith("p")) {
            try {
                d = java.time.Duration.parse(value);
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            problems.error(path, "'" + value + "' (expected: a positive duration such as 250ms, 10s, 5m, 1h, 1d or PT10S)");
            return null;
        }
        return d;
    }

    /** A byte count: a plain number or a number with B, KiB, MiB or GiB; positive. */
    public static Long bytes(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        var m = SIZE.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                case "GiB" -> 30;
                default -> 0;
            };
            if (n > 0 && n <= (Long.MAX_VALUE >> 31)) {
                return n << shift;
            }
        }
        problems.error(path, "'" + value + "' (expected: a positive size in bytes, such as 16384, 64KiB or 10MiB)");
        return null;
    }

    /** A positive whole number no larger than {@code max}. */
    public static Long positive(String value, long max, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error(path, "'" + value + "' (expected: a whole number from 1 to " + max + ")");
        return null;
    }

    /** An absolute URI with one of {@code schemes} and a host. */
    public static java.net.URI uri(String value, java.util.Set<String> schemes, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        try {
            java.net.URI u = new java.net.URI(value);
            if (u.getScheme() != null && schemes.contains(u.getScheme().toLowerCase(java.util.Locale.ROOT))
                    && u.getHost() != null && u.getUserInfo() == null && u.getFragment() == null) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.error(path, "'" + value + "' (expected: an absolute " + String.join(" or ", new java.util.TreeSet<>(schemes))
                + " URL with a host, no user info or fragment)");
        return null;
    }

    /** A file path, resolved against the directory of the file being read. */
    public static java.nio.file.Path file(String value, String path, Problems problems) {
        if (value == null) {
            return null;
        }
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            problems.error(path, "'" + value + "' (expected: a file path)");
            return null;
        }
        if (value.isBlank()) {
            problems.error(path, "empty (expected: a file path)");
            return null;
        }
        java.nio.file.Path resolved = p;
        if (!p.isAbsolute() && !problems.file().isEmpty()) {
            try {
                java.nio.file.Path parent = java.nio.file.Path.of(problems.file()).getParent();
                resolved = parent == null ? p : parent.resolve(p).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                resolved = p;
            }
        }
        if (problems.confinement().isPresent()) {
            String outside = outside(p, resolved, problems.confinement().get());
            if (outside != null) {
                problems.error(path, "'" + value + "' leads outside the configuration's directory: " + outside
                        + " (expected: a relative path to a file of the configuration, inside its directory)");
                return null;
            }
        }
        return resolved;
    }

    /**
     * Why {@code resolved} ({@code written}, resolved against its file) is not inside {@code root}, or null when it
     * is. The nearest part of it that exists is resolved through symbolic links, so a link cannot lead out; nothing
     * outside is read.
     */
    private static String outside(java.nio.file.Path written, java.nio.file.Path resolved, java.nio.file.Path root) {
        if (written.isAbsolute()) {
            return "an absolute path";
        }
        java.nio.file.Path at = resolved.toAbsolutePath().normalize();
        if (!at.startsWith(root)) {
            return "'..' climbs out of it";
        }
        while (at != null && !java.nio.file.Files.exists(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            at = at.getParent();
        }
        try {
            return at == null || at.toRealPath().startsWith(root.toRealPath()) ? null : "a symbolic link leads out of it";
        } catch (java.io.IOException e) {
            return "it cannot be resolved (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** One of {@code allowed} (compared as written). */
    public static String oneOf(String value, java.util.List<String> allowed, String path, Problems problems) {
        if (value == null || allowed.contains(value)) {
            return value;
        }
        problems.error(path, "'" + value + "' (expected: one of " + String.join(", ", allowed) + ")");
        return null;
    }
}
