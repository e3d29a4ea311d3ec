package io.portcullis.audit.read;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An {@link OutputStream} for {@link AuditSearch#search} and {@link AuditExport} that hands each complete JSON line
 * (UTF-8, without its newline) to a handler as it is written, so a reader in this process never holds the log's
 * output in memory. Not thread-safe.
 */
public final class JsonLineSink extends OutputStream {

    /** Receives each complete line. */
    @FunctionalInterface
    public interface Handler {
        void line(String line) throws IOException;
    }

    private final Handler handler;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream(512);

    public JsonLineSink(Handler handler) {
        this.handler = requireNonNull(handler, "handler");
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n') {
            emit();
        } else {
            current.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                current.write(b, start, i - start);
                emit();
                start = i + 1;
            }
        }
        current.write(b, start, off + len - start);
    }

    private void emit() throws IOException {
        String line = current.toString(StandardCharsets.UTF_8);
        current.reset();
        handler.line(line);
    }
}
