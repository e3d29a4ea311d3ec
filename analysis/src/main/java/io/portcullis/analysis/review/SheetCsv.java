package io.portcullis.analysis.review;

import io.portcullis.analysis.findings.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A review sheet as CSV (RFC 4180: comma-separated, CRLF line ends, a cell holding a comma, quote, CR or LF
 * quoted with quotes doubled), one header line then one row per membership:
 *
 * <pre>
 * kind,member,group,grants,lastUsed,proposal,decision,note
 * workload,trader-1,111111111111/sg-traders,orders,2026-11-30T09:00:00Z,keep,keep,used within 90d
 * </pre>
 *
 * {@code grants} is the API names joined with {@code ;}; {@code lastUsed} is empty when the log shows no use.
 *
 * <p>Formula injection: a spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return as a formula. Every such cell, and every cell starting with {@code '}, is written
 * with one {@code '} in front (spreadsheets show the text as it was), and reading removes one leading {@code '}
 * from a cell: so whatever a cell held reads back the same, and no cell is ever a formula.
 */
public final class SheetCsv {

    static final List<String> HEADER = List.of("kind", "member", "group", "grants", "lastUsed", "proposal", "decision", "note");

    private SheetCsv() {}

    public static String write(List<ReviewRow> rows) {
        StringBuilder b = new StringBuilder();
        line(b, HEADER);
        for (ReviewRow r : rows) {
            line(b, List.of(r.membership().kind().text(), r.membership().member(), r.membership().group(),
                    String.join(";", r.grants()), r.lastUsed().map(Instant::toString).orElse(""),
                    r.proposal().text(), r.decision().text(), r.note()));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = neutralized(cells.get(i));
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append("\r\n");
    }

    /** The cell with a {@code '} in front when a spreadsheet would run it as a formula (or it starts with one). */
    static String neutralized(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'' ? "'" + cell : cell;
    }

    /** The rows of {@code text}, or every problem, each {@code FILE: row N: ...} (the header is row 1). */
    public static List<ReviewRow> read(String file, String text) {
        List<List<String>> records = records(file, text);
        List<String> problems = new ArrayList<>();
        if (records.isEmpty() || !records.get(0).equals(HEADER)) {
            throw new InvalidInputException(List.of(file + ": row 1: header " + (records.isEmpty() ? "missing" : records.get(0))
                    + " (expected: " + String.join(",", HEADER) + ")"));
        }
        List<ReviewRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            String at = file + ": row " + (i + 1) + ": ";
            if (cells.size() != HEADER.size()) {
                problems.add(at + cells.size() + " cells (expected: " + HEADER.size() + ", " + String.join(",", HEADER) + ")");
                continue;
            }
            try {
                rows.add(row(cells));
            } catch (IllegalArgumentException e) {
                problems.add(at + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return rows;
    }

    private static ReviewRow row(List<String> cells) {
        Membership m = new Membership(Membership.Kind.parse(cells.get(0)), required("member", cells.get(1)),
                required("group", cells.get(2)));
        List<String> grants = cells.get(3).isEmpty() ? List.of() : Arrays.asList(cells.get(3).split(";", -1));
        Optional<Instant> last = Optional.empty();
        if (!cells.get(4).isEmpty()) {
            try {
                last = Optional.of(Instant.parse(cells.get(4)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("lastUsed '" + cells.get(4) + "' (expected: an instant such as 2026-11-30T09:00:00Z, or empty)");
            }
        }
        return new ReviewRow(m, grants, last, choice("proposal", cells.get(5)), choice("decision", cells.get(6)), cells.get(7));
    }

    private static String required(String column, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(column + ": empty (expected: a " + (column.equals("member") ? "workload id or group key" : "group key such as 111111111111/sg-app") + ")");
        }
        return value;
    }

    private static Choice choice(String column, String value) {
        try {
            return Choice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": " + e.getMessage());
        }
    }

    /** RFC 4180 records, each cell with one leading {@code '} removed; a line break may end in CRLF or LF. */
    private static List<List<String>> records(String file, String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean started = false;
        int row = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
                started = true;
            } else if (c == ',') {
                cells.add(restored(cell));
                cell.setLength(0);
                started = true;
            } else if (c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                if (c == '\r') {
                    i++;
                }
                cells.add(restored(cell));
                cell.setLength(0);
                out.add(cells);
                cells = new ArrayList<>();
                started = false;
                row++;
            } else if (c == '"') {
                throw new InvalidInputException(List.of(file + ": row " + row + ": a quote inside an unquoted cell (expected: the cell quoted, quotes doubled)"));
            } else {
                cell.append(c);
                started = true;
            }
        }
        if (quoted) {
            throw new InvalidInputException(List.of(file + ": row " + row + ": a quoted cell is not closed (expected: a closing quote)"));
        }
        if (started || cell.length() > 0) {
            cells.add(restored(cell));
            out.add(cells);
        }
        return out;
    }

    private static String restored(StringBuilder cell) {
        return cell.length() > 0 && cell.charAt(0) == '\'' ? cell.substring(1) : cell.toString();
    }
}
