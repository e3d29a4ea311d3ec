package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The node's cache of the control plane's plans ({@code --control-cache DIR}), so that it starts and keeps serving
 * when the control plane or its database is down.
 *
 * <p>Layout: each version is written whole into {@code versions/.tmp-*}, fsynced, and renamed to
 * {@code versions/v<version>-<digest prefix>} with its metadata beside it ({@code .json}); two symbolic links point
 * at versions and are switched by an atomic rename: {@code current}, which the node's configuration path is, and
 * {@code good}, the last version the node applied. A version is pointed at only once it is complete, so the node
 * never reads a half-written plan; {@link #open} points {@code current} back at {@code good}, so a crash between
 * the two switches starts from the last good plan. A version the node refused is remembered ({@code refused.json})
 * so that it is not tried again at the next start. One writer: the node's control thread.
 */
public final class PlanCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CURRENT = "current";
    static final String GOOD = "good";
    private static final int KEEP = 5;

    /** A cached version: its number, plan digest and directory. */
    public record Entry(long version, String digest, Path dir) {
        public Entry {
            requireNonNull(digest, "digest");
            requireNonNull(dir, "dir");
        }
    }

    private final Path root;
    private final Path versions;

    private PlanCache(Path root) {
        this.root = root;
        this.versions = root.resolve("versions");
    }

    /** Opens (creating) the cache at {@code root} and points {@code current} at the last good version, if any. */
    public static PlanCache open(Path root) throws IOException {
        PlanCache cache = new PlanCache(root.toAbsolutePath().normalize());
        Files.createDirectories(cache.versions);
        Optional<Entry> good = cache.good();
        if (good.isPresent()) {
            cache.point(CURRENT, good.get());
        }
        return cache;
    }

    /** The path the node compiles: the directory {@code current} points at. */
    public Path current() {
        return root.resolve(CURRENT);
    }

    public Path root() {
        return root;
    }

    /** The last version the node applied, or empty when none was. */
    public Optional<Entry> good() throws IOException {
        Path link = root.resolve(GOOD);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path dir = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
        Path meta = dir.resolveSibling(dir.getFileName() + ".json");
        if (!Files.isDirectory(dir) || !Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        JsonNode m = JSON.readTree(meta.toFile());
        return Optional.of(new Entry(m.path("version").asLong(), m.path("digest").asText(), dir));
    }

    /**
     * Writes {@code promoted}'s files into a new version directory (complete and fsynced before it gets its name).
     *
     * @throws IllegalArgumentException when a file's name is not a plain relative path inside the bundle
     */
    public Entry write(ControlClient.Promoted promoted) throws IOException {
        String name = "v" + promoted.version() + "-" + hexPrefix(promoted.digest());
        Path dir = versions.resolve(name);
        Entry entry = new Entry(promoted.version(), promoted.digest(), dir);
        if (Files.isDirectory(dir) && Files.isRegularFile(versions.resolve(name + ".json"))) {
            return entry; // written before (complete: it got its name last)
        }
        Path tmp = versions.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectories(tmp);
        try {
            for (Map.Entry<String, String> f : promoted.files().entrySet()) {
                Path file = inside(tmp, f.getKey());
                Files.createDirectories(file.getParent());
                write(file, f.getValue());
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        write(versions.resolve(name + ".json"), JSON.createObjectNode().put("version", promoted.version())
                .put("digest", promoted.digest())
                .put("promotedAt", promoted.promotedAt() == null ? null : promoted.promotedAt().toString())
                .put("promotedBy", promoted.promotedBy()).toString());
        if (Files.exists(dir)) {
            deleteTree(dir); // a directory left without its metadata by a crash
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        return entry;
    }

    /** Points {@code current} at {@code entry}: what the node reads at its next reload. */
    public void serve(Entry entry) throws IOException {
        point(CURRENT, entry);
    }

    /** Records {@code entry} as applied ({@code good}) and removes old versions beyond the last few. */
    public void applied(Entry entry) throws IOException {
        point(GOOD, entry);
        prune(entry);
    }

    /** Remembers that the node refused {@code entry}, so that a start does not try it again. */
    public void refused(Entry entry) throws IOException {
        write(root.resolve("refused.json"), JSON.createObjectNode().put("version", entry.version())
                .put("digest", entry.digest()).toString());
    }

    /** Whether the node refused this version before. */
    public boolean wasRefused(long version, String digest) throws IOException {
        Path file = root.resolve("refused.json");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode m = JSON.readTree(file.toFile());
        return m.path("version").asLong() == version && digest.equals(m.path("digest").asText());
    }

    private void point(String link, Entry entry) throws IOException {
        Path tmp = root.resolve("." + link + "-" + UUID.randomUUID());
        Files.createSymbolicLink(tmp, root.relativize(entry.dir()));
        Files.move(tmp, root.resolve(link), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes versions older than the newest few, never the one in force nor the one {@code current} names. */
    private void prune(Entry kept) throws IOException {
        Path current = root.resolve(CURRENT).toRealPath();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(versions)) {
            dirs = s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("v"))
                    .sorted(Comparator.comparingLong(PlanCache::versionOf).reversed()).toList();
        }
        for (int i = KEEP; i < dirs.size(); i++) {
            Path d = dirs.get(i);
            if (!d.equals(kept.dir()) && !d.toRealPath().equals(current)) {
                Files.deleteIfExists(d.resolveSibling(d.getFileName() + ".json"));
                deleteTree(d);
            }
        }
    }

    private static long versionOf(Path dir) {
        String n = dir.getFileName().toString();
        try {
            return Long.parseLong(n.substring(1, n.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Path inside(Path dir, String name) {
        Path p;
        try {
            p = dir.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            p = null;
        }
        if (p == null || name.isEmpty() || Path.of(name).isAbsolute() || !p.startsWith(dir) || p.equals(dir)) {
            throw new IllegalArgumentException("plan file '" + name + "' (expected: a relative path inside the bundle)");
        }
        return p;
    }

    private static void write(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            Path tmp = file.resolveSibling("." + file.getFileName() + "-" + UUID.randomUUID());
            write(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String hexPrefix(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        if (!hex.matches("[0-9a-f]{12,64}")) {
            throw new IllegalArgumentException("digest: '" + digest + "' (expected: sha256:<hex>)");
        }
        return hex.substring(0, 12);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
