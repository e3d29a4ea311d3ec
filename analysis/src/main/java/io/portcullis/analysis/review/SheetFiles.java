package io.portcullis.analysis.review;

import io.portcullis.analysis.findings.InputTree;
import io.portcullis.analysis.findings.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/** Review sheets on disk: {@code .csv} ({@link SheetCsv}) or {@code .json} ({@link SheetJson}), by the name's ending. */
public final class SheetFiles {

    /** A sheet's rows and how an error names row {@code i} ({@code FILE: row 3}, {@code FILE: /memberships/1}). */
    public record Read(List<ReviewRow> rows, IntFunction<String> where) {}

    private SheetFiles() {}

    public static void write(Path file, ReviewSheet sheet) throws IOException {
        String text = switch (format(file)) {
            case "csv" -> SheetCsv.write(sheet.rows());
            default -> SheetJson.write(sheet);
        };
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    public static Read read(Path file) {
        if (format(file).equals("csv")) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException(List.of(file + ": cannot read: " + e.getMessage() + " (expected: a readable file)"));
            }
            return new Read(SheetCsv.read(file.toString(), text), i -> file + ": row " + (i + 2));
        }
        return new Read(SheetJson.read(InputTree.read(file)).rows(), i -> file + ": /memberships/" + i);
    }

    private static String format(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".json")) {
            return "json";
        }
        throw new IllegalArgumentException(file + ": unknown sheet format (expected: a name ending in .csv or .json)");
    }
}
