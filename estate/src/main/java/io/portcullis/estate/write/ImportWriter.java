package io.portcullis.estate.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ImportedConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private static final Map<String, String> FILES = Map.of("accounts", "00-accounts", "vpcs", "10-vpcs", "connections", "20-connections",
            "prefixLists", "30-prefix-lists", "securityGroups", "40-security-groups", "vpcEndpoints", "50-vpc-endpoints",
            "workloads", "60-workloads", "awsApis", "70-aws-apis");
    public static final String SOURCES = "import-sources.json";

    private ImportWriter() {}

    /** One imported item's place in the written configuration and where it was read. */
    public record Traced(String file, String path, List<Source> sources) {}

    /** Writes everything; returns the YAML files written, in order. */
    public static List<Path> write(ImportedConfig config, Path out, String header) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        List<Traced> traced = new ArrayList<>();
        for (String section : ImportedConfig.ORDER) {
            List<Item> items = config.section(section);
            if (items.isEmpty()) {
                continue;
            }
            List<StringBuilder> chunks = new ArrayList<>();
            List<List<Traced>> chunkTraces = new ArrayList<>();
            StringBuilder current = null;
            List<Traced> currentTraces = null;
            int index = 0;
            for (Item item : items) {
                if (current == null || current.length() > CHUNK_BYTES) {
                    current = new StringBuilder(header).append(section).append(":\n");
                    currentTraces = new ArrayList<>();
                    chunks.add(current);
                    chunkTraces.add(currentTraces);
                    index = 0;
                }
                List<Traced> sink = currentTraces;
                String base = section + "[" + index + "]" + (item.id() == null ? "" : "(" + item.id() + ")");
                YamlEmitter.item(current, item, 2, base, (path, it) -> sink.add(new Traced(null, path, it.sources())));
                index++;
            }
            for (int c = 0; c < chunks.size(); c++) {
                String name = FILES.get(section) + (chunks.size() == 1 ? "" : String.format("-%03d", c + 1)) + ".yaml";
                Path f = out.resolve(name);
                Files.writeString(f, chunks.get(c), StandardCharsets.UTF_8);
                written.add(f);
                chunkTraces.get(c).forEach(t -> traced.add(new Traced(name, t.path(), t.sources())));
            }
        }
        writeSources(traced, out.resolve(SOURCES));
        ReportWriter.write(config.report(), out);
        return written;
    }

    /** One item per line, so the file stays readable and greppable at 100,000 items. */
    private static void writeSources(List<Traced> traced, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
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
