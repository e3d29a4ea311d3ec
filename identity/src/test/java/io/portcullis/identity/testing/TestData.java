package io.portcullis.identity.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared third-party test data by walking up from the working directory. */
public final class TestData {

    private TestData() { }

    public static Path wycheproof(String file) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/testdata/wycheproof").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/wycheproof/" + file + " not found above " + dir
                + " (expected: the shared test data beside the project, see /work/shared/testdata/README.md)");
    }
}
