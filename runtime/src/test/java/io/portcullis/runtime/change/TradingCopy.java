package io.portcullis.runtime.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** examples/trading (or another example) copied into a test's directory, to be edited there. */
final class TradingCopy {

    private static final Path TRADING = Path.of("../examples/trading");

    private TradingCopy() {}

    /** Copies every file of examples/trading into {@code dir}, replacing what is there. */
    static void into(Path dir) throws IOException {
        copy(TRADING, dir);
    }

    /** Copies every file of {@code example} (a directory under examples/) into {@code dir}. */
    static void copy(String example, Path dir) throws IOException {
        copy(Path.of("../examples").resolve(example), dir);
    }

    private static void copy(Path from, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
