package io.portcullis.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a table back out of a generated Markdown page, as plain text (links and escapes undone). */
final class PageTables {

    private static final Pattern LINK = Pattern.compile("(?<!\\\\)\\[((?:[^\\]\\\\]|\\\\.)*)\\]\\([^)]*\\)");

    private PageTables() {}

    /** The rows of the first table under the heading {@code ## section}; empty when the section has none. */
    static List<List<String>> table(Path page, String section) throws IOException {
        List<String> lines = Files.readAllLines(page);
        int at = lines.indexOf("## " + section);
        if (at < 0) {
            throw new AssertionError(page + ": no section '" + section + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String l = lines.get(i);
            if (l.startsWith("|")) {
                if (!inTable) {
                    inTable = true;
                    i++; // the header's separator line
                    continue;
                }
                rows.add(cells(l));
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                out.add(plain(cell.toString().strip()));
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return out;
    }

    static String plain(String markdown) {
        String s = LINK.matcher(markdown).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)));
        return s.replaceAll("\\\\(.)", "$1").replace("&lt;", "<");
    }
}
