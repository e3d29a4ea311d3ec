package io.portcullis.config;

/**
 * An IP protocol number as security-group rules use it; {@link #ALL} (-1) matches every protocol.
 */
public record Protocol(int number) {

    public static final Protocol ALL = new Protocol(-1);
    public static final Protocol TCP = new Protocol(6);
    public static final Protocol UDP = new Protocol(17);
    public static final Protocol ICMP = new Protocol(1);
    public static final Protocol ICMPV6 = new Protocol(58);

    public Protocol {
        if (number < -1 || number > 255) {
            throw new IllegalArgumentException("protocol: " + number + " (expected: -1..255)");
        }
    }

    public boolean hasPorts() {
        return number == 6 || number == 17;
    }

    public boolean matches(int protocolNumber) {
        return number == -1 || number == protocolNumber;
    }

    @Override
    public String toString() {
        return switch (number) {
            case -1 -> "all";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> Integer.toString(number);
        };
    }
}
