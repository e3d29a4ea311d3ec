package io.portcullis.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads third-party material in place from the workspace's {@code shared/} folder, found by walking up. */
final class Shared {

    private Shared() {}

    static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/" + relative + " not found above " + Path.of("").toAbsolutePath()
                + " (expected: the workspace's shared/ folder beside the project)");
    }

    /** The example policy of the seed document: the lines from a lone "{" to the next lone "}". */
    static String seedPolicy() {
        try {
            String text = Files.readString(path("seeds/002_58e2738370043eb0.txt"));
            int start = text.indexOf("\n{\n") + 1;
            int end = text.indexOf("\n}\n\n", start) + 2;
            return text.substring(start, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
