package io.portcullis.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one locator of the third-party test data (Wycheproof, Merkle proof vectors, PROXY v2 captures, the AWS
 * export, ...) that tests read in place and never copy into the repository. The folder is, in this order: the
 * system property {@value #PROPERTY}, the environment variable {@value #VARIABLE}, else {@code shared/testdata}
 * in the working directory or the nearest of its parents that has one (the repository checked out beside
 * {@code shared/}). A folder named explicitly must exist; nothing falls back past it.
 */
public final class TestData {

    /** The environment variable naming the test data folder. */
    public static final String VARIABLE = "PORTCULLIS_TESTDATA";

    /** The system property naming the test data folder; it wins over {@value #VARIABLE}. */
    public static final String PROPERTY = "portcullis.testdata";

    private TestData() {}

    /** The test data folder. */
    public static Path root() {
        return locate(System.getProperty(PROPERTY), System.getenv(VARIABLE), Path.of("").toAbsolutePath());
    }

    /** A file or folder inside the test data folder, e.g. {@code path("merkle/inclusion")}; it must exist. */
    public static Path path(String relative) {
        requireNonNull(relative, "relative");
        Path root = root();
        Path path = root.resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("test data '" + relative + "' not found in " + root
                    + " (expected: a file or folder of the shared test data, see its README.md)");
        }
        return path;
    }

    /** The rules of {@link #root()} with its inputs passed in, so they can be tested. */
    static Path locate(String property, String variable, Path workingDirectory) {
        if (property != null && !property.isBlank()) {
            return named("-D" + PROPERTY, property);
        }
        if (variable != null && !variable.isBlank()) {
            return named(VARIABLE, variable);
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata not found in " + workingDirectory + " or above it"
                + " (expected: the repository checked out beside shared/, or the test data folder named by the"
                + " environment variable " + VARIABLE + " or the system property " + PROPERTY + ")");
    }

    private static Path named(String by, String value) {
        Path dir = Path.of(value).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(by + ": '" + value + "' is not a directory"
                    + " (expected: the shared test data folder, e.g. ../shared/testdata)");
        }
        return dir;
    }
}
