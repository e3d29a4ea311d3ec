package io.portcullis.config.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A configuration directory for the digest tests: examples/trading, optionally with the "rich" additions (an API
 * that sets every serving field, and every node section), read and written as YAML trees.
 */
final class ConfigDir {

    static final Path TRADING = Path.of("../examples/trading");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ConfigLoader LOADER =
            ConfigLoader.withClock(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    private ConfigDir() {}

    /** examples/trading plus the rich additions, copied into {@code dir}. */
    static Path rich(Path dir) {
        copy(TRADING, dir);
        copy(resource("rich"), dir);
        return dir;
    }

    static Path resource(String name) {
        try {
            return Path.of(ConfigDir.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code paths} and fails the test unless the configuration is valid. */
    static PortcullisConfig load(Path... paths) {
        ValidationReport r = LOADER.load(paths);
        assertThat(r.errors()).as("errors loading %s", List.of(paths)).isEmpty();
        return r.orThrow();
    }

    /** The configuration in {@code dir}, or null when it has errors. */
    static PortcullisConfig loadIfValid(Path dir) {
        return LOADER.load(dir).config().orElse(null);
    }

    static PlanDigest digest(Path... paths) {
        return PlanDigest.of(load(paths));
    }

    /** File name to YAML tree, for every {@code *.yaml} file directly in {@code dir}. */
    static Map<String, ObjectNode> read(Path dir) {
        Map<String, ObjectNode> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                out.put(p.getFileName().toString(), (ObjectNode) YAML.readTree(p.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Replaces every {@code *.yaml} file directly in {@code dir} with {@code files}. */
    static void write(Path dir, Map<String, ? extends JsonNode> files) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.delete(p);
            }
            for (Map.Entry<String, ? extends JsonNode> e : files.entrySet()) {
                YAML.writeValue(dir.resolve(e.getKey()).toFile(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the tree under {@code from} into {@code to}, replacing files that exist. */
    static void copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeString(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
