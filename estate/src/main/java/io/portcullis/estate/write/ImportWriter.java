package io.portcullis.estate.write;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.ConfigDocument;
import io.portcullis.config.ConfigLoader;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ImportedConfig;
import io.portcullis.estate.map.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes an {@link ImportedConfig} into a configuration directory: one YAML file per section, numbered so the
 * loader reads them in the order references need ({@code 00-accounts.yaml} ... {@code 70-aws-apis.yaml}); a
 * section larger than {@value #CHUNK_BYTES} bytes is split ({@code 60-workloads-001.yaml}, ...) to stay well
 * under the loader's 16 MiB per file. Beside them: {@code import-sources.json} (every item's file and path →
 * its source file and JSON pointer) and the report ({@link ReportWriter}). The output is the same bytes for
 * the same export.
 */
public final class ImportWriter {

    static final int CHUNK_BYTES = 8 << 20;
    /** Items rendered side by side at a time ({@link #render}). */
    private static final int BATCH = 4096;
    private static final Map<String, String> FILES = Map.of("accounts", "00-accounts", "vpcs", "10-vpcs", "connections", "20-connections",
            "prefixLists", "30-prefix-lists", "securityGroups", "40-security-groups", "vpcEndpoints", "50-vpc-endpoints",
            "workloads", "60-workloads", "awsApis", "70-aws-apis");
    public static final String SOURCES = "import-sources.json";

    private ImportWriter() {}

    /** One imported item's place in the written configuration and where it was read. */
    public record Traced(String file, String path, List<Source> sources) {}

    /**
     * The configuration as it will be written: each YAML file as a document (its name, its text and the tree the
     * text reads as, built from the items: {@link ItemTree}), and where every item of it was imported from.
     */
    public record Rendered(List<ConfigDocument> files, List<Traced> traced) {}

    /** Writes everything; returns the YAML files written, in order. */
    public static List<Path> write(ImportedConfig config, Path out, String header) throws IOException {
        return write(render(config, header), config.report(), out);
    }

    /** Writes the files rendered, the sources and the report; returns the YAML files written, in order. */
    public static List<Path> write(Rendered rendered, Report report, Path out) throws IOException {
        for (ConfigDocument d : rendered.files()) {
            long bytes = utf8Length(d.text());
            if (bytes > ConfigLoader.MAX_FILE_BYTES) { // one item of that size: a section is split between items
                throw new IOException(d.file() + " would be " + bytes + " bytes (expected: at most " + ConfigLoader.MAX_FILE_BYTES
                        + ", the most the loader reads; an item of the export holds text far longer than AWS allows)");
            }
        }
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (ConfigDocument d : rendered.files()) {
            Path f = out.resolve(d.file());
            Files.writeString(f, d.text(), StandardCharsets.UTF_8);
            written.add(f);
        }
        writeSources(rendered.traced(), out.resolve(SOURCES));
        ReportWriter.write(report, out);
        return written;
    }

    /**
     * The files {@link #write} writes, in memory; each document is named by its file name alone. Each item's text,
     * tree and traces depend on the item alone, so they are made side by side on the common pool; the files are
     * then put together in order, split where the text grows past {@value #CHUNK_BYTES} bytes of UTF-8 as one writer would.
     */
    public static Rendered render(ImportedConfig config, String header) {
        List<ConfigDocument> files = new ArrayList<>();
        List<Traced> traced = new ArrayList<>();
        for (String section : ImportedConfig.ORDER) {
            List<Item> items = config.section(section);
            if (items.isEmpty()) {
                continue;
            }
            Rendering[] pieces = new Rendering[items.size()];
            List<StringBuilder> chunks = new ArrayList<>();
            List<ArrayNode> chunkTrees = new ArrayList<>();
            List<List<Traced>> chunkTraces = new ArrayList<>();
            StringBuilder current = null;
            long currentBytes = 0; // UTF-8, as the loader counts a file
            ArrayNode currentTree = null;
            List<Traced> currentTraces = null;
            int index = 0;
            for (int i = 0; i < pieces.length; i++) {
                if (i % BATCH == 0) { // a batch at a time, so that only a batch's pieces are held besides the files
                    int from = i;
                    IntStream.range(from, Math.min(pieces.length, from + BATCH)).parallel()
                            .forEach(k -> pieces[k] = Rendering.of(items.get(k)));
                }
                if (current == null || currentBytes > CHUNK_BYTES) {
                    // sized for what is left, as far as this item's text tells (a chunk of 8 MiB grown by doubling
                    // from a small buffer copies it twice over)
                    long left = (long) (items.size() - i) * (pieces[i].text().length() + 8) + header.length() + 64;
                    current = new StringBuilder((int) Math.min(CHUNK_BYTES + (1 << 16), left))
                            .append(header).append(section).append(":\n");
                    currentBytes = utf8Length(current);
                    currentTree = JsonNodeFactory.instance.arrayNode();
                    currentTraces = new ArrayList<>();
                    chunks.add(current);
                    chunkTrees.add(currentTree);
                    chunkTraces.add(currentTraces);
                    index = 0;
                }
                Item item = items.get(i);
                String base = section + "[" + index + "]" + (item.id() == null ? "" : "(" + item.id() + ")");
                current.append(pieces[i].text());
                currentBytes += utf8Length(pieces[i].text());
                currentTree.add(pieces[i].tree());
                for (Traced t : pieces[i].traced()) {
                    currentTraces.add(new Traced(null, base + t.path(), t.sources()));
                }
                pieces[i] = null; // its text is in the chunk now
                index++;
            }
            for (int c = 0; c < chunks.size(); c++) {
                String name = FILES.get(section) + (chunks.size() == 1 ? "" : String.format("-%03d", c + 1)) + ".yaml";
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.set(section, chunkTrees.get(c));
                files.add(new ConfigDocument(name, chunks.get(c).toString(), root));
                chunkTraces.get(c).forEach(t -> traced.add(new Traced(name, t.path(), t.sources())));
            }
        }
        return new Rendered(List.copyOf(files), traced);
    }

    /**
     * The configuration as trees alone, for a compile of files that are never written ({@code analyze --aws}): no
     * YAML text is made, and each section is one document (named as its first file would be), since only a text's
     * length splits a section. The trees are those {@link #render} makes, item for item, and so are the traces,
     * but for the file they name and an item's index, counted across the section rather than within its file.
     */
    public static Rendered renderTrees(ImportedConfig config) {
        List<ConfigDocument> files = new ArrayList<>();
        List<Traced> traced = new ArrayList<>();
        for (String section : ImportedConfig.ORDER) {
            List<Item> items = config.section(section);
            if (items.isEmpty()) {
                continue;
            }
            String name = FILES.get(section) + ".yaml";
            ObjectNode[] trees = new ObjectNode[items.size()];
            IntStream.range(0, trees.length).parallel().forEach(k -> trees[k] = ItemTree.of(items.get(k)));
            ArrayNode array = JsonNodeFactory.instance.arrayNode(trees.length);
            for (int i = 0; i < trees.length; i++) {
                Item item = items.get(i);
                array.add(trees[i]);
                YamlEmitter.paths(item, section + "[" + i + "]" + (item.id() == null ? "" : "(" + item.id() + ")"),
                        (path, it) -> traced.add(new Traced(name, path, it.sources())));
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set(section, array);
            files.add(ConfigDocument.tree(name, root));
        }
        return new Rendered(List.copyOf(files), traced);
    }

    /** The length of {@code text} in UTF-8 (a lone surrogate, which the emitter never writes, counted as one byte). */
    static long utf8Length(CharSequence text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a pair: 2 + 2 for its 4 bytes
            }
        }
        return bytes;
    }

    /** One item rendered: its YAML text, its tree, and its nested items' paths relative to its own. */
    private record Rendering(String text, ObjectNode tree, List<Traced> traced) {
        static Rendering of(Item item) {
            StringBuilder text = new StringBuilder(256);
            List<Traced> traced = new ArrayList<>();
            YamlEmitter.item(text, item, 2, "", (path, it) -> traced.add(new Traced(null, path, it.sources())));
            return new Rendering(text.toString(), ItemTree.of(item), traced);
        }
    }

    /** One item per line, so the file stays readable and greppable at 100,000 items. */
    static void writeSources(List<Traced> traced, Path file) throws IOException {
        // every character beyond ASCII escaped: a lone surrogate in a pointer (a key of the export) is written, not refused
        ObjectMapper json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"items\": [\n");
            for (int i = 0; i < traced.size(); i++) {
                Traced t = traced.get(i);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("file", t.file());
                row.put("path", t.path());
                List<Map<String, String>> sources = new ArrayList<>();
                for (Source s : t.sources()) {
                    Map<String, String> at = new LinkedHashMap<>();
                    at.put("file", s.file());
                    at.put("pointer", s.pointer());
                    sources.add(at);
                }
                row.put("sources", sources);
                w.write(json.writeValueAsString(row));
                w.write(i + 1 < traced.size() ? ",\n" : "\n");
            }
            w.write("]}\n");
        }
    }
}
