package io.portcullis.estate.write;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
        // every character beyond ASCII escaped: a lone surrogate in the export's text is written, not refused
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).enable(JsonWriteFeature.ESCAPE_NON_ASCII).build()
                .writeValue(out.resolve(JSON_FILE).toFile(), json);

        StringBuilder md = new StringBuilder("# AWS import report\n\nWhat was read but is not in the configuration as AWS has it. "
                + "Each entry names its source file and JSON pointer.\n\n| category | entries |\n|---|---|\n");
        counts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        ReportEntry.Category current = null;
        for (ReportEntry e : entries) {
            if (e.category() != current) {
                current = e.category();
                md.append("\n## ").append(current.label()).append("\n\n| what | why | source |\n|---|---|---|\n");
            }
            md.append("| ").append(code(e.subject())).append(" | ").append(cell(e.reason())).append(" | ")
                    .append(code(e.source().toString())).append(" |\n");
        }
        Files.writeString(out.resolve(MARKDOWN_FILE), md, StandardCharsets.UTF_8);
    }

    /**
     * Text of the export (a name, a state, a file name) as one table cell that reads as the text and nothing else:
     * every ASCII punctuation character backslash-escaped (so no link, emphasis, heading, HTML tag or cell break
     * is made of it), and every character that is not printable on one line ({@link YamlEmitter#printable}) as {@code \\uXXXX}.
     */
    static String cell(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c > 0x20 && !Character.isLetterOrDigit(c)) {
                out.append('\\').append(c);
            } else {
                i = YamlEmitter.printableOrEscaped(s, i, out);
            }
        }
        return out.toString();
    }

    /**
     * {@code s} as a code span: fenced by one backtick more than the longest run of them in it (a backtick cannot
     * close it), with its non-printable characters as {@code \\uXXXX} (a code span takes no escapes, and a line
     * break would end the table).
     */
    static String code(String s) {
        StringBuilder text = new StringBuilder(s.length());
        int run = 0;
        int longest = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
            if (c == '|') {
                text.append("\\|"); // a table cell ends at a bar even inside a code span; this escape is the exception
            } else {
                i = YamlEmitter.printableOrEscaped(s, i, text);
            }
        }
        String fence = "`".repeat(longest + 1);
        String pad = longest > 0 ? " " : "";
        return fence + pad + text + pad + fence;
    }
}
