package io.portcullis.gateway.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Parses the text of a v1 line ({@code PROXY TCP4 src dst sport dport}, CRLF removed) strictly. */
final class V1Line {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");

    private V1Line() {}

    static ProxyHeader parse(String line) throws ProxyHeaderException {
        String[] parts = line.split(" ", -1);
        if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
            return new ProxyHeader(1, Optional.empty(), Optional.empty(), "", OptionalLong.empty());
        }
        if (parts.length != 6) {
            throw ProxyHeaderDecoder.bad("v1 line has " + parts.length + " fields (expected: 6)");
        }
        boolean v4 = switch (parts[1]) {
            case "TCP4" -> true;
            case "TCP6" -> false;
            default -> throw ProxyHeaderDecoder.bad("v1 protocol '" + parts[1] + "' (expected: TCP4, TCP6, UNKNOWN)");
        };
        InetSocketAddress source = new InetSocketAddress(address(parts[2], v4), port(parts[4]));
        InetSocketAddress destination = new InetSocketAddress(address(parts[3], v4), port(parts[5]));
        return new ProxyHeader(1, Optional.of(source), Optional.of(destination), "", OptionalLong.empty());
    }

    private static InetAddress address(String text, boolean v4) throws ProxyHeaderException {
        // Only literals reach InetAddress.getByName, so it never resolves names.
        if (!(v4 ? IPV4 : IPV6).matcher(text).matches() || !v4 && !text.contains(":")) {
            throw ProxyHeaderDecoder.bad("v1 address '" + text + "' (expected: an " + (v4 ? "IPv4" : "IPv6") + " literal)");
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (v4 != (address.getAddress().length == 4)) {
                throw ProxyHeaderDecoder.bad("v1 address '" + text + "' does not match the protocol");
            }
            return address;
        } catch (UnknownHostException e) {
            throw ProxyHeaderDecoder.bad("v1 address '" + text + "' is not a valid literal");
        }
    }

    private static int port(String text) throws ProxyHeaderException {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) > 65535) {
            throw ProxyHeaderDecoder.bad("v1 port '" + text + "' (expected: 0..65535 without leading zeros)");
        }
        return Integer.parseInt(text);
    }
}
