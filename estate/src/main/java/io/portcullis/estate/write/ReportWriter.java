package io.portcullis.estate.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.portcullis.estate.map.Report;
import io.portcullis.estate.map.ReportEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code import-report.json} and {@code import-report.md}: every element read that the configuration does not
 * hold as AWS has it, by category (not represented, skipped, widened, inferred, placeholder, ignored), each with
 * its source file and JSON pointer.
 */
public final class ReportWriter {

    public static final String JSON_FILE = "import-report.json";
    public static final String MARKDOWN_FILE = "import-report.md";

    private ReportWriter() {}

    static void write(Report report, Path out) throws IOException {
        List<ReportEntry> entries = report.entries();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ReportEntry.Category c : ReportEntry.Category.values()) {
            counts.put(c.label(), report.count(c));
        }
        json.put("counts", counts);
        List<Map<String, String>> rows = new ArrayList<>();
        for (ReportEntry e : entries) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("category", e.category().label());
            row.put("subject", e.subject());
            row.put("reason", e.reason());
            row.put("file", e.source().file());
            row.put("pointer", e.source().pointer());
            rows.add(row);
        }
        json.put("entries", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(JSON_FILE).toFile(), json);

        StringBuilder md = new StringBuilder("# AWS import report\n\nWhat was read but is not in the configuration as AWS has it. "
                + "Each entry names its source file and JSON pointer.\n\n| category | entries |\n|---|---|\n");
        counts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        ReportEntry.Category current = null;
        for (ReportEntry e : entries) {
            if (e.category() != current) {
                current = e.category();
                md.append("\n## ").append(current.label()).append("\n\n| what | why | source |\n|---|---|---|\n");
            }
            md.append("| ").append(cell(e.subject())).append(" | ").append(cell(e.reason())).append(" | `")
                    .append(cell(e.source().toString())).append("` |\n");
        }
        Files.writeString(out.resolve(MARKDOWN_FILE), md, StandardCharsets.UTF_8);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
