package io.portcullis.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared third-party test data by walking up from the working directory. */
public final class TestData {

    private TestData() {}

    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata");
            if (Files.isDirectory(candidate)) {
                Path file = candidate.resolve(relative);
                if (!Files.exists(file)) {
                    throw new IllegalStateException("missing test data file " + file);
                }
                return file;
            }
        }
        throw new IllegalStateException("shared/testdata not found above " + Path.of("").toAbsolutePath()
                + " (expected: the project checked out beside shared/)");
    }
}
