package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.ConfigDocument;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.internal.Problems;
import io.portcullis.config.internal.SafeYaml;
import io.portcullis.estate.write.ImportWriter;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** What the tests share: import a folder, write it, compile it as validate does, and read what was written. */
final class Imports {

    private Imports() {}

    /** A folder of test resources ({@code estates/NAME}). */
    static Path resource(String name) {
        try {
            return Path.of(Imports.class.getResource("/estates/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports {@code folder} into {@code out}, expecting no input problem, and compiles the result. */
    static Written importAndCompile(Path folder, Path out) {
        AwsImport imported = AwsImport.read(folder);
        assertThat(imported.problems()).as("input problems").isEmpty();
        try {
            imported.write(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation c = compiler.compile(List.of(out));
            assertThat(c.errorLines()).as("validate of the imported configuration").isEmpty();
            inMemoryIsWhatWasWritten(imported, out, c, compiler);
            return new Written(imported, c.plan().orElseThrow().config(), c, out);
        }
    }

    /**
     * What {@code analyze --aws} and {@code import aws} compile without parsing YAML is what the files written read
     * as: each document's tree equals its text parsed by the loader's YAML reader (node types included), and the
     * documents compile to the same configuration, digest and warnings as the directory.
     */
    private static void inMemoryIsWhatWasWritten(AwsImport imported, Path out, Compilation fromFiles, PlanCompiler compiler) {
        List<ConfigDocument> documents = imported.render().files().stream()
                .map(d -> new ConfigDocument(out.resolve(d.file()).toString(), d.text(), d.tree())).toList();
        for (ConfigDocument d : documents) {
            assertThat(d.tree()).as("the tree of " + d.file()).isEqualTo(new SafeYaml().read(d.text(), new Problems()));
        }
        Compilation inMemory = compiler.compileDocuments(documents);
        assertThat(inMemory.errorLines()).isEmpty();
        assertThat(inMemory.plan().orElseThrow().config()).isEqualTo(fromFiles.plan().orElseThrow().config());
        assertThat(inMemory.plan().orElseThrow().digest()).isEqualTo(fromFiles.plan().orElseThrow().digest());
        assertThat(inMemory.warnings()).isEqualTo(fromFiles.warnings());
        compiler.discard(inMemory.plan().orElseThrow());
        // the trees alone (analyze --aws): one document per section, the same configuration, and each item traced
        // to the same sources under the same path but for the item's index in its section rather than its file
        ImportWriter.Rendered trees = imported.renderTrees();
        assertThat(trees.files()).allSatisfy(d -> assertThat(d.text()).isNull());
        Compilation treesOnly = compiler.compileDocuments(trees.files().stream()
                .map(d -> ConfigDocument.tree(out.resolve(d.file()).toString(), d.tree())).toList());
        assertThat(treesOnly.errorLines()).isEmpty();
        assertThat(treesOnly.plan().orElseThrow().config()).isEqualTo(fromFiles.plan().orElseThrow().config());
        assertThat(treesOnly.plan().orElseThrow().digest()).isEqualTo(fromFiles.plan().orElseThrow().digest());
        assertThat(treesOnly.warnings()).isEqualTo(fromFiles.warnings());
        compiler.discard(treesOnly.plan().orElseThrow());
        assertThat(trees.traced().stream().map(Imports::traceWithoutIndex).toList())
                .isEqualTo(imported.render().traced().stream().map(Imports::traceWithoutIndex).toList());
    }

    /** {@code sources <- section[](id).rest}: a trace with its item's index and file left out. */
    private static String traceWithoutIndex(ImportWriter.Traced t) {
        return t.sources().stream().map(s -> s.file() + "#" + s.pointer()).toList() + " <- "
                + t.path().replaceFirst("^([A-Za-z]+)\\[\\d+\\]", "$1[]");
    }

    record Written(AwsImport imported, PortcullisConfig config, Compilation compilation, Path dir) {

        JsonNode sources() {
            return json("import-sources.json");
        }

        JsonNode report() {
            return json("import-report.json");
        }

        JsonNode json(String name) {
            try {
                return new ObjectMapper().readTree(dir.resolve(name).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The report entries, one line each: {@code category|subject|file#pointer}. */
        List<String> reportLines() {
            List<String> out = new java.util.ArrayList<>();
            report().get("entries").forEach(e -> out.add(e.get("category").asText() + "|" + e.get("subject").asText() + "|"
                    + e.get("file").asText() + "#" + e.get("pointer").asText()));
            return out;
        }
    }
}
