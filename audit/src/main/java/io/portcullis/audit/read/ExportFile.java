package io.portcullis.audit.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an export into a file resumes, from the file's last line: the index after a record line, or the size of a
 * checkpoint line (which follows the last record it covers). Reads the file backwards from its end, so a file of
 * any size costs one line.
 */
final class ExportFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 64 * 1024;

    private ExportFile() {}

    static long resumeIndex(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = ch.size();
            long lastNewline = lastNewlineBefore(ch, end);
            if (lastNewline + 1 < end) {
                ch.truncate(lastNewline + 1); // a line cut short when the export stopped: it is written again
            }
            if (lastNewline < 0) {
                return 0;
            }
            long start = lastNewlineBefore(ch, lastNewline) + 1;
            ByteBuffer line = ByteBuffer.allocate((int) (lastNewline - start));
            ch.read(line, start);
            return next(new String(line.array(), StandardCharsets.UTF_8), file);
        }
    }

    private static long next(String line, Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw new IOException(file + ": its last line is not an export line (expected: a file written by "
                    + "'portcullis audit export', or --from)", e);
        }
        String type = n.path("type").asText();
        if (type.equals("record") && n.path("index").canConvertToLong()) {
            return n.path("index").asLong() + 1;
        }
        if (type.equals("checkpoint") && n.path("checkpoint").path("size").canConvertToLong()) {
            return n.path("checkpoint").path("size").asLong();
        }
        throw new IOException(file + ": its last line is not an export line (expected: a file written by "
                + "'portcullis audit export', or --from)");
    }

    /** The offset of the last '\n' before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        for (long to = end; to > 0; to -= CHUNK) {
            long from = Math.max(0, to - CHUNK);
            chunk.clear().limit((int) (to - from));
            ch.read(chunk, from);
            for (int i = (int) (to - from) - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return from + i;
                }
            }
        }
        return -1;
    }
}
