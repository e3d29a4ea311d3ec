package io.portcullis.cli.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes written to a command's writer, so a command that streams bytes (audit records are UTF-8 as stored)
 * prints where picocli says, which is what tests capture. A character split between two writes is decoded once
 * its last byte arrives. Closing flushes and leaves the writer open.
 */
final class WriterStream extends OutputStream {

    private final Writer out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024);

    WriterStream(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (!bytes.hasRemaining()) {
            drain();
        }
        bytes.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!bytes.hasRemaining()) {
                drain();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Flushes; the writer is the command's and stays open. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain() throws IOException {
        bytes.flip();
        while (decoder.decode(bytes, chars, false).isOverflow()) {
            writeChars();
        }
        writeChars();
        bytes.compact(); // keeps the first bytes of a character not yet whole
    }

    private void writeChars() throws IOException {
        chars.flip();
        out.write(chars.array(), 0, chars.limit());
        chars.clear();
    }
}
