package io.portcullis.cli.analyze;

import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.estate.AwsImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code analyze --aws DIR}: the export imported as {@code import aws} imports it, into a directory of its own that
 * is deleted afterwards. Its findings are placed in the export itself: the configuration files are gone, so each
 * resource keeps its configuration path and is located by the AWS files and JSON pointers it came from (relative
 * to the working directory, as {@code DIR} was given).
 */
final class AwsExport implements AutoCloseable {

    private final Path dir;
    private final Path config;

    private AwsExport(Path dir, Path config) {
        this.dir = dir;
        this.config = config;
    }

    /** The export imported into a temporary configuration directory, or empty after printing why it cannot be. */
    static Optional<AwsExport> imported(Path dir, PrintWriter err) {
        AwsImport imported = AwsImport.read(dir);
        if (!imported.problems().isEmpty()) {
            imported.problems().forEach(p -> err.println("error: " + p));
            err.println(imported.problems().size() + " input problem(s) in " + dir);
            err.flush();
            return Optional.empty();
        }
        try {
            Path config = Files.createTempDirectory("portcullis-analyze-");
            imported.write(config, true);
            return Optional.of(new AwsExport(dir, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path config() {
        return config;
    }

    /** The finding placed in the export rather than in the temporary configuration. */
    Finding placed(Finding f) {
        Resource r = f.resource();
        if (!r.file().startsWith(config.toString())) {
            return f;
        }
        List<Resource.ImportSource> sources = r.imported().stream()
                .map(s -> new Resource.ImportSource(dir.resolve(s.file()).toString(), s.pointer())).toList();
        String file = sources.isEmpty() ? "" : sources.get(0).file();
        return new Finding(f.rule(), f.severity(), new Resource(r.key(), r.path(), file, 0, 0, r.named(), sources),
                f.subject(), f.message(), f.evidence().stream().map(e -> e.replace(config + "/", "")).toList(), f.remediation());
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(config)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
