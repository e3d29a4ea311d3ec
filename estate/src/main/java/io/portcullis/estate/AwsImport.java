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
     * of a directory, so an old file left behind would be read too).
     */
    public List<Path> write(Path out, boolean replace) throws IOException {
        ImportWriter.Rendered files = render();
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                List<Path> old = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml|import-sources\\.json|import-report\\.(json|md)")).toList();
                if (!old.isEmpty() && !replace) {
                    throw new IOException(out + " already holds configuration or import files (" + old.get(0).getFileName()
                            + ", ...) (expected: an empty or new directory, or --replace)");
                }
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
        return ImportWriter.write(files, config.report(), out);
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
