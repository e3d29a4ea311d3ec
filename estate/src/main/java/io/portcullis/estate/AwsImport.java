package io.portcullis.estate;

import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.ExportReader;
import io.portcullis.estate.aws.Problems;
import io.portcullis.estate.aws.ReadProblem;
import io.portcullis.estate.map.ConfigMapper;
import io.portcullis.estate.map.ImportedConfig;
import io.portcullis.estate.write.ImportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code portcullis import aws}: reads an AWS export folder ({@link ExportReader}), maps it to the configuration
 * ({@link ConfigMapper}) and writes it ({@link ImportWriter}). Input that cannot be read (malformed JSON, a value
 * of the wrong type, a required id missing) is a {@link ReadProblem}; with any, nothing should be written: the
 * import fails closed rather than write a configuration that silently lacks part of the estate.
 */
public final class AwsImport {

    private static final String HEADER = "# written by portcullis import aws; sources in " + ImportWriter.SOURCES + "\n";

    private final ImportedConfig config;
    private final List<ReadProblem> problems;
    private ImportWriter.Rendered rendered;

    private AwsImport(ImportedConfig config, List<ReadProblem> problems) {
        this.config = config;
        this.problems = problems;
    }

    public static AwsImport read(Path folder) {
        Problems problems = new Problems();
        AwsEstate estate = new ExportReader(problems).read(folder);
        ImportedConfig config = new ConfigMapper(estate, problems).map();
        return new AwsImport(config, problems.all());
    }

    public ImportedConfig config() {
        return config;
    }

    public List<ReadProblem> problems() {
        return problems;
    }

    /**
     * Writes the configuration into {@code out}, which must be empty or absent, unless {@code replace}: then the
     * YAML files and import files of an earlier import there are deleted first (the loader merges every YAML file
     * of a directory, so an old file left behind would be read too). Staged and committed ({@link #stage}): a
     * write that fails leaves {@code out} as it was.
     */
    public List<Path> write(Path out, boolean replace) throws IOException {
        return stage(out, replace).commit();
    }

    /**
     * Writes every file into a new directory beside {@code out} and checks that {@code out} may take them (empty
     * or absent, or {@code replace}); nothing in {@code out} changes until {@link Staged#commit}, so the caller
     * can validate what was written first, and a write that fails halfway (a full disk, an item too large for
     * the loader) leaves no partial configuration that would load as a smaller estate.
     */
    public Staged stage(Path out, boolean replace) throws IOException {
        ImportWriter.Rendered files = render();
        List<Path> old = oldFiles(out);
        if (!old.isEmpty() && !replace) {
            throw new IOException(out + " already holds configuration or import files (" + old.get(0).getFileName()
                    + ", ...) (expected: an empty or new directory, or --replace)");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".import-");
        try {
            ImportWriter.write(files, config.report(), staging);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        return new Staged(staging, out);
    }

    /** An import written beside its directory, not yet in it. */
    public static final class Staged {

        private final Path staging;
        private final Path out;

        private Staged(Path staging, Path out) {
            this.staging = staging;
            this.out = out;
        }

        /**
         * Deletes the YAML and import files of an earlier import in the directory, moves the new ones in (renames
         * within one file system) and returns the YAML files, in order.
         */
        public List<Path> commit() throws IOException {
            Files.createDirectories(out);
            for (Path p : oldFiles(out)) {
                Files.delete(p);
            }
            List<Path> moved;
            try (Stream<Path> s = Files.list(staging)) {
                moved = s.sorted().toList();
            }
            List<Path> yaml = new ArrayList<>();
            for (Path p : moved) {
                Path to = out.resolve(p.getFileName().toString());
                Files.move(p, to, StandardCopyOption.ATOMIC_MOVE);
                if (to.getFileName().toString().endsWith(".yaml")) {
                    yaml.add(to);
                }
            }
            Files.delete(staging);
            return yaml;
        }

        /** Deletes what was staged; the directory is left as it was. */
        public void discard() {
            deleteTree(staging);
        }
    }

    private static List<Path> oldFiles(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml|import-sources\\.json|import-report\\.(json|md)"))
                    .sorted().toList();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a staging directory left behind holds only this import's files, under a name that marks it
        }
    }

    /**
     * The configuration files {@link #write} writes, in memory (rendered once): each YAML file's name, text and tree,
     * and where each item was read. The loader takes them as they are ({@code PlanCompiler#compileDocuments}).
     */
    public ImportWriter.Rendered render() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " input problem(s): nothing is written");
        }
        if (rendered == null) {
            rendered = ImportWriter.render(config, HEADER);
        }
        return rendered;
    }

    /**
     * The configuration as trees alone, with where each item was read ({@link ImportWriter#renderTrees}): for a
     * compile of files that are never written, which needs no YAML text.
     */
    public ImportWriter.Rendered renderTrees() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " input problem(s): nothing is rendered");
        }
        return ImportWriter.renderTrees(config);
    }
}
