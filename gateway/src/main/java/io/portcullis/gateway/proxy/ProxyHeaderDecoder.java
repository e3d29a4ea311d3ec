package io.portcullis.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * Decodes PROXY protocol v1 and v2 headers from raw bytes, strictly.
 *
 * <p>Design: works on the connection's cumulated {@link ByteBuf} without copying; {@link #decode} returns
 * {@code null} until the whole header is there, so callers simply read more. v2 is decoded by hand rather than
 * with Netty's {@code HAProxyMessageDecoder} because the CRC32C TLV must be checked over the exact header
 * bytes (with the CRC field zeroed). Every length is checked against the bytes present before it is used;
 * anything unexpected (unknown version or command, a TLV running past the header, a second CRC TLV, a datagram
 * family, a malformed v1 field) is refused. Runs once per connection.
 */
public final class ProxyHeaderDecoder {

    /** What the first bytes of a connection are. */
    public enum Detection { V1, V2, NOT_PROXY, NEED_MORE }

    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** The longest v1 line, CRLF included (spec section 2.1). */
    static final int V1_MAX_LENGTH = 107;
    /** The longest v2 address-plus-TLV block accepted; AWS headers are about 100 bytes in total. */
    static final int V2_MAX_BODY = 4096;

    private static final int TLV_AUTHORITY = 0x02;
    private static final int TLV_CRC32C = 0x03;
    private static final int TLV_AWS = 0xEA;
    private static final int AWS_SUBTYPE_VPCE_ID = 0x01;

    private ProxyHeaderDecoder() {}

    /** Whether the readable bytes start (or could start) a v1 or v2 header. */
    public static Detection detect(ByteBuf in) {
        boolean v1 = matchesPrefix(in, V1_SIGNATURE);
        boolean v2 = matchesPrefix(in, V2_SIGNATURE);
        if (!v1 && !v2) {
            return Detection.NOT_PROXY;
        }
        if (v2 && in.readableBytes() >= V2_SIGNATURE.length) {
            return Detection.V2;
        }
        if (v1 && in.readableBytes() >= V1_SIGNATURE.length) {
            return Detection.V1;
        }
        return Detection.NEED_MORE;
    }

    /**
     * Decodes one header from the reader index, advancing it past the header.
     *
     * @return the header, or {@code null} (reader index unchanged) when more bytes are needed
     * @throws ProxyHeaderException when the bytes are not a valid header
     */
    public static ProxyHeader decode(ByteBuf in) throws ProxyHeaderException {
        return switch (detect(in)) {
            case V1 -> decodeV1(in);
            case V2 -> decodeV2(in);
            case NEED_MORE -> null;
            case NOT_PROXY -> throw bad("no PROXY signature");
        };
    }

    private static boolean matchesPrefix(ByteBuf in, byte[] signature) {
        int n = Math.min(in.readableBytes(), signature.length);
        int base = in.readerIndex();
        for (int i = 0; i < n; i++) {
            if (in.getByte(base + i) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static ProxyHeader decodeV2(ByteBuf in) throws ProxyHeaderException {
        if (in.readableBytes() < 16) {
            return null;
        }
        int start = in.readerIndex();
        int verCmd = in.getUnsignedByte(start + 12);
        int famProto = in.getUnsignedByte(start + 13);
        int length = in.getUnsignedShort(start + 14);
        if (verCmd >> 4 != 2) {
            throw bad("v2 version nibble " + (verCmd >> 4) + " (expected: 2)");
        }
        int command = verCmd & 0x0F;
        if (command > 1) {
            throw bad("v2 command " + command + " (expected: 0 LOCAL or 1 PROXY)");
        }
        if (length > V2_MAX_BODY) {
            throw bad("v2 length " + length + " (expected: <= " + V2_MAX_BODY + ")");
        }
        if (in.readableBytes() < 16 + length) {
            return null;
        }
        int family = famProto >> 4;
        int transport = famProto & 0x0F;
        if (family > 3 || transport > 2) {
            throw bad("v2 family/transport 0x" + Integer.toHexString(famProto) + " (expected: known values)");
        }
        if (transport == 2) {
            throw bad("v2 datagram transport (expected: stream)");
        }
        int addressLength = switch (family) {
            case 1 -> 12;
            case 2 -> 36;
            case 3 -> 216;
            default -> 0;
        };
        if (length < addressLength) {
            throw bad("v2 length " + length + " shorter than the address block " + addressLength);
        }
        int body = start + 16;
        Optional<InetSocketAddress> source = Optional.empty();
        Optional<InetSocketAddress> destination = Optional.empty();
        if (command == 1 && (family == 1 || family == 2)) {
            int size = family == 1 ? 4 : 16;
            source = Optional.of(socketAddress(in, body, size, body + 2 * size));
            destination = Optional.of(socketAddress(in, body + size, size, body + 2 * size + 2));
        }
        Tlvs tlvs = readTlvs(in, body + addressLength, start + 16 + length);
        if (tlvs.crcOffset >= 0) {
            verifyCrc(in, start, 16 + length, tlvs.crcOffset);
        }
        in.readerIndex(start + 16 + length);
        return new ProxyHeader(2, source, destination, tlvs.vpce,
                tlvs.crcOffset >= 0 ? OptionalLong.of(in.getUnsignedInt(tlvs.crcOffset)) : OptionalLong.empty());
    }

    private record Tlvs(int crcOffset, String vpce) {}

    private static Tlvs readTlvs(ByteBuf in, int from, int end) throws ProxyHeaderException {
        int crcOffset = -1;
        String vpce = "";
        int i = from;
        while (i < end) {
            if (end - i < 3) {
                throw bad("v2 TLV header truncated at offset " + (i - from));
            }
            int type = in.getUnsignedByte(i);
            int len = in.getUnsignedShort(i + 1);
            int value = i + 3;
            if (value + len > end) {
                throw bad("v2 TLV type 0x" + Integer.toHexString(type) + " length " + len + " runs past the header");
            }
            if (type == TLV_CRC32C) {
                if (len != 4 || crcOffset >= 0) {
                    throw bad("v2 CRC32C TLV length " + len + (crcOffset >= 0 ? " (repeated)" : " (expected: 4)"));
                }
                crcOffset = value;
            } else if (!knownType(type)) {
                throw bad("v2 TLV type 0x" + Integer.toHexString(type) + " (expected: a registered or custom type)");
            } else if (type == TLV_AUTHORITY && !isHostName(in, value, len)) {
                throw bad("v2 authority TLV is not a host name");
            } else if (type == TLV_AWS && len >= 1 && in.getUnsignedByte(value) == AWS_SUBTYPE_VPCE_ID) {
                if (!vpce.isEmpty()) {
                    throw bad("v2 AWS VPC endpoint TLV repeated");
                }
                vpce = in.toString(value + 1, len - 1, StandardCharsets.US_ASCII);
                if (!vpce.matches("vpce-[0-9a-z]{1,32}")) {
                    throw bad("v2 AWS VPC endpoint id is not of the form vpce-<hex>");
                }
            }
            i = value + len;
        }
        return new Tlvs(crcOffset, vpce);
    }

    /**
     * The spec lets receivers skip unknown TLVs; we refuse them instead (fail closed), so a corrupted type byte,
     * for example a CRC32C TLV turned into something else, cannot make a header pass unchecked.
     */
    private static boolean knownType(int type) {
        return type >= 0x01 && type <= 0x05 || type >= 0x20 && type <= 0x25 || type == 0x30
                || type >= 0xE0 && type <= 0xEF;
    }

    private static boolean isHostName(ByteBuf in, int at, int len) {
        if (len < 1 || len > 255) {
            return false;
        }
        for (int i = at; i < at + len; i++) {
            int c = in.getUnsignedByte(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void verifyCrc(ByteBuf in, int start, int total, int crcOffset) throws ProxyHeaderException {
        CRC32C crc = new CRC32C();
        crc.update(in.nioBuffer(start, crcOffset - start));
        crc.update(new byte[4], 0, 4);
        int after = crcOffset + 4;
        crc.update(in.nioBuffer(after, start + total - after));
        long expected = in.getUnsignedInt(crcOffset);
        if (crc.getValue() != expected) {
            throw new ProxyHeaderException(ProxyReasons.BAD_CRC, "v2 CRC32C mismatch: header says 0x"
                    + Long.toHexString(expected) + ", bytes give 0x" + Long.toHexString(crc.getValue()));
        }
    }

    private static InetSocketAddress socketAddress(ByteBuf in, int at, int size, int portAt) {
        byte[] bytes = new byte[size];
        in.getBytes(at, bytes);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), in.getUnsignedShort(portAt));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private static ProxyHeader decodeV1(ByteBuf in) throws ProxyHeaderException {
        int start = in.readerIndex();
        int limit = Math.min(in.readableBytes(), V1_MAX_LENGTH);
        int lf = -1;
        for (int i = 0; i < limit; i++) {
            byte b = in.getByte(start + i);
            if (b == '\n') {
                lf = i;
                break;
            }
            if (b < 0x20 && b != '\r' || b > 0x7e) {
                throw bad("v1 control or non-ASCII byte at offset " + i);
            }
        }
        if (lf < 0) {
            if (in.readableBytes() >= V1_MAX_LENGTH) {
                throw bad("v1 line longer than " + V1_MAX_LENGTH + " bytes");
            }
            return null;
        }
        if (lf == 0 || in.getByte(start + lf - 1) != '\r') {
            throw bad("v1 line ends with a bare LF (expected: CRLF)");
        }
        String line = in.toString(start, lf - 1, StandardCharsets.US_ASCII);
        ProxyHeader header = V1Line.parse(line);
        in.readerIndex(start + lf + 1);
        return header;
    }

    static ProxyHeaderException bad(String detail) {
        return new ProxyHeaderException(ProxyReasons.BAD_HEADER, detail);
    }
}
