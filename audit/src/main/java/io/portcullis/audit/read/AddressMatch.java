package io.portcullis.audit.read;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A source criterion: one address, or every address of a CIDR. Only literals are accepted, so matching never
 * looks a name up. Records hold addresses as {@link InetAddress#getHostAddress()} writes them, so one address is a
 * string comparison with its canonical form; a CIDR parses each record's address.
 */
final class AddressMatch {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String exact;
    private final byte[] network;
    private final int prefix;

    private AddressMatch(String exact, byte[] network, int prefix) {
        this.exact = exact;
        this.network = network;
        this.prefix = prefix;
    }

    static AddressMatch of(String spec) {
        int slash = spec.indexOf('/');
        InetAddress address = literal(slash < 0 ? spec : spec.substring(0, slash), spec);
        if (slash < 0) {
            return new AddressMatch(address.getHostAddress(), null, 0);
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

    boolean matches(String recorded) {
        if (exact != null) {
            return exact.equals(recorded);
        }
        byte[] bytes;
        try {
            bytes = literal(recorded, recorded).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        if (bytes.length != network.length) {
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

    private static InetAddress literal(String text, String spec) {
        boolean v4 = V4.matcher(text).matches();
        if (v4 ? !java.util.Arrays.stream(text.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255)
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
