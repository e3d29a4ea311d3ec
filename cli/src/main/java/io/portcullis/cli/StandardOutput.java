package io.portcullis.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The process's standard output as the commands see it: a writer for text (in the platform's charset, as picocli's
 * own), and for commands that stream stored bytes (audit records, UTF-8 as they were hashed) those bytes unchanged
 * through {@link #bytes()}, neither decoded nor re-encoded in a charset that could not hold them.
 */
public final class StandardOutput extends PrintWriter {

    private final OutputStream stream;

    /** Standard output itself. */
    public static StandardOutput of() {
        return new StandardOutput(new FileOutputStream(FileDescriptor.out), Charset.defaultCharset());
    }

    /** {@code stream} as standard output, text written in {@code charset}. */
    public StandardOutput(OutputStream stream, Charset charset) {
        super(new OutputStreamWriter(stream, charset), true);
        this.stream = stream;
    }

    /** The bytes underneath, after everything printed so far; closing it flushes it and leaves the output open. */
    public OutputStream bytes() {
        flush();
        return new FilterOutputStream(new java.io.BufferedOutputStream(stream, 64 * 1024)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
