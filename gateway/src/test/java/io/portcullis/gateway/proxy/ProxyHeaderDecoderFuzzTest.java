package io.portcullis.gateway.proxy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzzes the PROXY header decoder: whatever the bytes, it returns a header, asks for more, or refuses with a
 * {@link ProxyHeaderException}; it never throws anything else and never reads past what it was given. Without
 * JAZZER_FUZZ=1 this runs the seed corpus only (a few seconds in CI); with it, Jazzer explores for
 * {@code maxDuration}.
 */
class ProxyHeaderDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAnyBytes(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            ProxyHeader header = ProxyHeaderDecoder.decode(in);
            if (header == null && in.readerIndex() != 0) {
                throw new AssertionError("consumed bytes without a header");
            }
            if (header != null && in.readerIndex() > data.length) {
                throw new AssertionError("read past the input");
            }
        } catch (ProxyHeaderException expected) {
            // refused: the connection would be closed
        }
    }
}
