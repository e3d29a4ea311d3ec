package io.portcullis.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ProxyHeaderDecoderProperties {

    @Property(tries = 300)
    void decodesEveryWellFormedV2Header(@ForAll @IntRange(min = 0, max = 255) int a,
                                        @ForAll @IntRange(min = 0, max = 255) int b,
                                        @ForAll @IntRange(min = 0, max = 65535) int port) throws Exception {
        String address = "10." + a + "." + b + ".7";
        ProxyHeader header = ProxyHeaderDecoder.decode(
                Unpooled.wrappedBuffer(V2Headers.tcp4(address, port, "vpce-" + Integer.toHexString(a * 256 + b), true)));
        assertThat(header.source().orElseThrow().getAddress().getHostAddress()).isEqualTo(address);
        assertThat(header.source().orElseThrow().getPort()).isEqualTo(port);
    }

    @Property(tries = 500)
    void randomTailAfterSignatureNeverEscapesAsAnotherException(@ForAll @Size(max = 300) byte[] tail) {
        byte[] data = new byte[ProxyHeaderDecoder.V2_SIGNATURE.length + tail.length];
        System.arraycopy(ProxyHeaderDecoder.V2_SIGNATURE, 0, data, 0, ProxyHeaderDecoder.V2_SIGNATURE.length);
        System.arraycopy(tail, 0, data, ProxyHeaderDecoder.V2_SIGNATURE.length, tail.length);
        try {
            ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(data));
        } catch (ProxyHeaderException refused) {
            assertThat(refused.reason().code()).isNotBlank();
        }
    }
}
