package io.portcullis.cli.analyze;

import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.ImportSources;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.config.ConfigDocument;
import io.portcullis.estate.AwsImport;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.write.ImportWriter;
import io.portcullis.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code analyze --aws DIR}: the export imported as {@code import aws} imports it, kept in memory: the configuration
 * files it would write are compiled as trees alone ({@link ImportWriter#renderTrees}: no YAML text), under a
 * directory name that exists nowhere, and their import sources are taken from the rendering. Its findings are
 * placed in the export itself: the configuration files are not on disk, so each resource keeps its configuration
 * path and is located by the AWS files and JSON pointers it came from (relative to the working directory, as
 * {@code DIR} was given), and so is each place its evidence cites.
 */
final class AwsExport {

    private final String config;
    private final List<ConfigDocument> documents;
    private final ImportSources sources;

    private AwsExport(String config, List<ConfigDocument> documents, ImportSources sources) {
        this.config = config;
        this.documents = documents;
        this.sources = sources;
    }

    /** The export imported in memory, or empty after printing why it cannot be. */
    static Optional<AwsExport> imported(Path dir, PrintWriter err) {
        AwsImport imported = AwsImport.read(dir);
        if (!imported.problems().isEmpty()) {
            imported.problems().forEach(p -> err.println(Printable.line("error: " + p))); // they quote the export
            err.println(imported.problems().size() + " input problem(s) in " + dir);
            err.flush();
            return Optional.empty();
        }
        String config = "portcullis-analyze-" + UUID.randomUUID();
        // the trees alone, with no YAML text: it would be read only for lines and columns in files nobody can open
        ImportWriter.Rendered rendered = imported.renderTrees();
        List<ConfigDocument> documents = rendered.files().stream()
                .map(d -> ConfigDocument.tree(config + "/" + d.file(), d.tree())).toList();
        Map<String, List<Resource.ImportSource>> byPath = new HashMap<>(rendered.traced().size() * 2);
        for (ImportWriter.Traced t : rendered.traced()) {
            List<Resource.ImportSource> from = t.sources().stream().map(s -> source(dir, s)).toList();
            byPath.put(t.file() + ":" + t.path(), from);
        }
        return Optional.of(new AwsExport(config, documents, ImportSources.of(byPath)));
    }

    /** Where an imported value was read, relative to the working directory as {@code DIR} was given. */
    private static Resource.ImportSource source(Path dir, Source s) {
        return new Resource.ImportSource(dir.resolve(s.file()).toString(), s.pointer());
    }

    List<ConfigDocument> documents() {
        return documents;
    }

    ImportSources sources() {
        return sources;
    }

    /** The finding placed in the export rather than in the configuration that was never written. */
    Finding placed(Finding f) {
        Resource r = f.resource();
        if (!r.file().startsWith(config)) {
            return f;
        }
        List<Resource.ImportSource> sources = r.imported();
        String file = sources.isEmpty() ? "" : sources.get(0).file();
        return new Finding(f.rule(), f.severity(), new Resource(r.key(), r.path(), file, 0, 0, r.named(), sources),
                f.subject(), f.message(), f.evidence().stream().map(e -> e.replace(config + "/", "")).toList(), f.remediation());
    }
}
