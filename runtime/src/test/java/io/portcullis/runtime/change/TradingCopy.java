package io.portcullis.runtime.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** examples/trading copied into a test's directory, to be edited there. */
final class TradingCopy {

    private static final Path TRADING = Path.of("../examples/trading");

    private TradingCopy() {}

    /** Copies every file of examples/trading into {@code dir}, replacing what is there. */
    static void into(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(TRADING)) {
            for (Path p : files.toList()) {
                Path to = dir.resolve(TRADING.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
