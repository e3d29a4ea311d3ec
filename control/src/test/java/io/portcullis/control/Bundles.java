package io.portcullis.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Configuration directories read as bundles (relative path to text). */
final class Bundles {

    private Bundles() {}

    /** The files of the repository's examples/{@code name}. */
    static Map<String, String> example(String name) {
        return read(Path.of("..", "examples", name));
    }

    static Map<String, String> read(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
