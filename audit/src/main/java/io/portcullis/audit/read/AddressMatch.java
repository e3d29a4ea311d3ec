package io.portcullis.audit.read;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A source criterion: one address, or every address of a CIDR. Only literals are accepted, so matching never
 * looks a name up. Records hold addresses as {@link InetAddress#getHostAddress()} writes them, so one address is a
 * byte comparison with its canonical form; an IPv4 CIDR reads the recorded dotted quad in place, an IPv6 one
 * parses the recorded address.
 */
final class AddressMatch {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] exact;
    private final byte[] network;
    private final int prefix;

    private AddressMatch(byte[] exact, byte[] network, int prefix) {
        this.exact = exact;
        this.network = network;
        this.prefix = prefix;
    }

    static AddressMatch of(String spec) {
        int slash = spec.indexOf('/');
        InetAddress address = literal(slash < 0 ? spec : spec.substring(0, slash), spec);
        if (slash < 0) {
            return new AddressMatch(address.getHostAddress().getBytes(StandardCharsets.US_ASCII), null, 0);
        }
        byte[] bytes = address.getAddress();
        int bits;
        try {
            bits = Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
            throw invalid(spec);
        }
        return new AddressMatch(null, bytes, bits);
    }

    /** Whether the address written in {@code buf[from, to)} matches. */
    boolean matches(byte[] buf, int from, int to) {
        if (exact != null) {
            return Arrays.equals(buf, from, to, exact, 0, exact.length);
        }
        byte[] bytes = network.length == 4 ? dottedQuad(buf, from, to) : parsed(buf, from, to);
        if (bytes == null || bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
    }

    /** The four bytes of an IPv4 address written at {@code buf[from, to)}, or null when it is not one. */
    private static byte[] dottedQuad(byte[] buf, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && part < 3 && value <= 255) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0 || value > 255) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    private static byte[] parsed(byte[] buf, int from, int to) {
        String text = new String(buf, from, to - from, StandardCharsets.US_ASCII);
        try {
            return literal(text, text).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    private static InetAddress literal(String text, String spec) {
        boolean v4 = V4.matcher(text).matches();
        if (v4 ? !Arrays.stream(text.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255)
                : !V6.matcher(text).matches()) {
            throw invalid(spec); // anything else would be taken for a host name and looked up
        }
        try {
            return InetAddress.getByName(text); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw invalid(spec);
        }
    }

    private static IllegalArgumentException invalid(String spec) {
        return new IllegalArgumentException("source: '" + spec + "' (expected: an IP address or a CIDR, e.g. "
                + "10.0.1.7 or 10.0.1.0/24)");
    }
}
