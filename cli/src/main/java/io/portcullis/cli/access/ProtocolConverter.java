package io.portcullis.cli.access;

import io.portcullis.config.Protocol;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** tcp, udp, icmp, icmpv6, all, or a protocol number. */
final class ProtocolConverter implements ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "icmp" -> Protocol.ICMP;
            case "icmpv6" -> Protocol.ICMPV6;
            case "all", "-1" -> Protocol.ALL;
            default -> {
                try {
                    yield new Protocol(Integer.parseInt(value));
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("'" + value + "' (expected: tcp, udp, icmp, icmpv6, all, or 0-255)");
                }
            }
        };
    }
}
