package io.portcullis.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A container image's root file system, made from its layers as a container runtime makes it: each layer in order
 * over the ones before, its whiteouts ({@code .wh.NAME} removes NAME, {@code .wh..wh..opq} empties the directory)
 * applied first. Jib's own layers have none; a registry base image's may.
 */
record RootFileSystem(Path root) {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    static RootFileSystem unpack(List<Path> layers, Path root) throws Exception {
        Files.createDirectories(root);
        int n = 0;
        for (Path layer : layers) {
            Path dir = root.resolveSibling("layer-" + n++);
            Files.createDirectories(dir);
            Command.of(dir, "tar", "--warning=no-unknown-keyword", "-xzf", layer.toString()).succeeds();
            applyWhiteouts(dir, root);
            Command.of(dir, "cp", "-a", dir + "/.", root + "/").succeeds();
            delete(dir);
        }
        Files.createDirectories(root.resolve("proc"));
        return new RootFileSystem(root);
    }

    /** A path inside the image, e.g. {@code /etc/portcullis}. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static void applyWhiteouts(Path layer, Path root) throws IOException {
        List<Path> markers;
        try (Stream<Path> all = Files.walk(layer)) {
            markers = all.filter(p -> p.getFileName().toString().startsWith(WHITEOUT)).toList();
        }
        for (Path marker : markers) {
            Path dir = root.resolve(layer.relativize(marker.getParent()).toString());
            String name = marker.getFileName().toString();
            if (name.equals(OPAQUE)) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> children = Files.list(dir)) {
                        for (Path child : children.toList()) {
                            delete(child);
                        }
                    }
                }
            } else {
                delete(dir.resolve(name.substring(WHITEOUT.length())));
            }
            Files.delete(marker);
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
