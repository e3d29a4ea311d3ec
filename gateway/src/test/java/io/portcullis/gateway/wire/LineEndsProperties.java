package io.portcullis.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The word-at-a-time CR/LF search finds exactly what a byte-by-byte one does, in every kind of buffer. */
class LineEndsProperties {

    @Property(tries = 3000)
    void findsTheFirstCrOrLfAsAByteByByteSearchDoes(@ForAll("lines") byte[] bytes, @ForAll @IntRange(max = 40) int skip,
                                                    @ForAll @IntRange(max = 40) int cut, @ForAll @IntRange(max = 2) int kind) {
        int from = Math.min(skip, bytes.length);
        int to = Math.max(from, bytes.length - cut);
        ByteBuf buf = buffer(bytes, kind);
        try {
            assertThat(LineEnds.find(buf, from, to)).isEqualTo(naive(bytes, from, to));
        } finally {
            buf.release();
        }
    }

    @Provide
    Arbitrary<byte[]> lines() {
        // Mostly header-like bytes, with CR, LF and the bytes next to them (0x0B, 0x0C, 0x0E, 0x09, 0x8D, 0x8A) that a
        // wrong mask or a borrow would confuse with them.
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '\r', (byte) '\n', (byte) 0x0B, (byte) 0x0C, (byte) 0x0E,
                (byte) 0x09, (byte) 0x8D, (byte) 0x8A, (byte) 0, (byte) 0xFF, (byte) 0x01);
        Arbitrary<Byte> plain = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, plain), net.jqwik.api.Tuple.of(1, interesting))
                .array(byte[].class).ofMaxSize(120);
    }

    private static ByteBuf buffer(byte[] bytes, int kind) {
        return switch (kind) {
            case 0 -> Unpooled.wrappedBuffer(bytes);
            case 1 -> PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 3).writeBytes(bytes);
            default -> {
                CompositeByteBuf c = Unpooled.compositeBuffer();
                int half = bytes.length / 2;
                c.addComponent(true, Unpooled.copiedBuffer(bytes, 0, half));
                c.addComponent(true, Unpooled.directBuffer(bytes.length - half + 1).writeBytes(bytes, half, bytes.length - half));
                yield c;
            }
        };
    }

    private static int naive(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
