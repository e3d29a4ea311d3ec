package io.portcullis.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProxyHeaderDecoderTest {

    static List<AwsCaptures> captures() {
        return AwsCaptures.all();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void decodesAwsCaptureWithVerifiedCrcAndVpcEndpoint(AwsCaptures c) throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(c.bytes(), "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        ProxyHeader header = ProxyHeaderDecoder.decode(in);
        assertThat(header.version()).isEqualTo(2);
        assertThat(header.source().orElseThrow().getAddress().getHostAddress()).isEqualTo(c.sourceAddress());
        assertThat(header.source().orElseThrow().getPort()).isEqualTo(c.sourcePort());
        assertThat(header.destination().orElseThrow().getAddress().getHostAddress()).isEqualTo(c.destinationAddress());
        assertThat(header.destination().orElseThrow().getPort()).isEqualTo(c.destinationPort());
        assertThat(header.crc32c()).hasValue(c.crc32c());
        assertThat(header.vpcEndpointId()).isEqualTo(c.vpceId());
        assertThat(in.readerIndex()).isEqualTo(c.bytes().length);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void waitsForTheRestOfATruncatedCapture(AwsCaptures c) throws Exception {
        for (int n = 0; n < c.bytes().length; n++) {
            ByteBuf in = Unpooled.wrappedBuffer(c.bytes(), 0, n);
            assertThat(ProxyHeaderDecoder.decode(in)).as("prefix of %s bytes", n).isNull();
            assertThat(in.readerIndex()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void refusesEveryCaptureWithAnyByteFlipped(AwsCaptures c) {
        for (int i = 0; i < c.bytes().length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] corrupt = c.bytes().clone();
                corrupt[i] ^= (byte) mask;
                // Padding lets a corrupted length field find "more" bytes: the CRC must still refuse them.
                ByteBuf in = Unpooled.wrappedBuffer(corrupt, new byte[8192]);
                try {
                    ProxyHeader accepted = ProxyHeaderDecoder.decode(in);
                    fail("byte %s flipped with 0x%s was accepted as %s", i, Integer.toHexString(mask), accepted);
                } catch (ProxyHeaderException refused) {
                    assertThat(refused.reason().code()).isNotBlank();
                }
            }
        }
    }

    @Test
    void reportsBadCrcAsItsOwnReason() {
        byte[] corrupt = AwsCaptures.all().get(0).bytes().clone();
        corrupt[20] ^= 1; // inside the source address
        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(corrupt)))
                .isInstanceOfSatisfying(ProxyHeaderException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProxyReasons.BAD_CRC));
    }

    @Test
    void decodesV1Tcp4AndTcp6AndUnknown() throws Exception {
        ProxyHeader v4 = decodeText("PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\r\nGET");
        assertThat(v4.source().orElseThrow().getAddress().getHostAddress()).isEqualTo("192.0.2.10");
        assertThat(v4.source().orElseThrow().getPort()).isEqualTo(56324);
        ProxyHeader v6 = decodeText("PROXY TCP6 2001:db8::1 2001:db8::2 1 65535\r\n");
        assertThat(v6.source().orElseThrow().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(decodeText("PROXY UNKNOWN\r\n").source()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 56324\r\n",
        "PROXY TCP4 192.0.2.10  198.51.100.1 56324 443\r\n",
        "PROXY TCP4 192.0.2.256 198.51.100.1 56324 443\r\n",
        "PROXY TCP4 192.0.2.010 198.51.100.1 56324 443\r\n",
        "PROXY TCP4 example.com 198.51.100.1 56324 443\r\n",
        "PROXY TCP4 2001:db8::1 198.51.100.1 56324 443\r\n",
        "PROXY TCP6 192.0.2.1 2001:db8::2 1 2\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 65536 443\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 0443 443\r\n",
        "PROXY UDP4 192.0.2.10 198.51.100.1 1 2\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 1 2\u0000\r\n",
    })
    void refusesMalformedV1(String text) {
        assertThatThrownBy(() -> decodeText(text)).isInstanceOfSatisfying(ProxyHeaderException.class,
                e -> assertThat(e.reason()).isEqualTo(ProxyReasons.BAD_HEADER));
    }

    @Test
    void refusesOverlongV1Line() {
        assertThatThrownBy(() -> decodeText("PROXY TCP4 " + "1".repeat(120) + "\r\n"))
                .isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void refusesV2WithWrongVersionCommandOrDatagram() {
        byte[] good = V2Headers.tcp4("10.0.0.1", 1234, "vpce-0abc", true);
        for (int[] patch : new int[][] {{12, 0x11}, {12, 0x22}, {13, 0x12}, {13, 0x41}}) {
            byte[] bad = good.clone();
            bad[patch[0]] = (byte) patch[1];
            assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(bad)))
                    .as("byte %s = 0x%s", patch[0], Integer.toHexString(patch[1]))
                    .isInstanceOf(ProxyHeaderException.class);
        }
    }

    @Test
    void decodesGeneratedV2WithAndWithoutCrc() throws Exception {
        for (boolean crc : new boolean[] {true, false}) {
            ProxyHeader h = ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(V2Headers.tcp4("10.1.2.3", 4321, "vpce-0abc", crc)));
            assertThat(h.source().orElseThrow().getAddress().getHostAddress()).isEqualTo("10.1.2.3");
            assertThat(h.vpcEndpointId()).isEqualTo("vpce-0abc");
            assertThat(h.crc32c().isPresent()).isEqualTo(crc);
        }
    }

    private static ProxyHeader decodeText(String text) throws ProxyHeaderException {
        return ProxyHeaderDecoder.decode(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }
}
