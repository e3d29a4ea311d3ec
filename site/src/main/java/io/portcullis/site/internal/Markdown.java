package io.portcullis.site.internal;

import java.util.List;

/**
 * Renders a {@link Doc} to GitHub-flavoured Markdown for a repository wiki: the same blocks as the HTML page,
 * links to the {@code .md} pages, diagrams as their SVG image with links to the DOT and Mermaid sources.
 */
public final class Markdown {

    private Markdown() {}

    public static String page(Doc doc, String footer) {
        String up = doc.up();
        StringBuilder b = new StringBuilder(2048);
        b.append("# ").append(inline(doc.title())).append("\n\n");
        for (Doc.Block block : doc.blocks()) {
            if (block instanceof Doc.Heading h) {
                b.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append("\n\n");
            } else if (block instanceof Doc.Para p) {
                b.append(line(p.line(), up)).append("\n\n");
            } else if (block instanceof Doc.Bullets l) {
                l.items().forEach(i -> b.append("- ").append(line(i, up)).append('\n'));
                b.append('\n');
            } else if (block instanceof Doc.Table t) {
                table(b, t, up);
            } else if (block instanceof Doc.Figure f) {
                if (!f.svg().isEmpty()) {
                    b.append("![").append(inline(f.caption())).append("](").append(up).append(f.svg()).append(")\n\n");
                }
                b.append(inline(f.caption())).append(": [Graphviz DOT](").append(up).append(f.dot()).append("), [Mermaid](")
                        .append(up).append(f.mermaid()).append(")\n\n");
            }
        }
        b.append("---\n").append(inline(footer)).append('\n');
        return b.toString();
    }

    private static void table(StringBuilder b, Doc.Table t, String up) {
        b.append('|');
        t.header().forEach(h -> b.append(' ').append(cell(h)).append(" |"));
        b.append("\n|");
        t.header().forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<Doc.Line> row : t.rows()) {
            b.append('|');
            row.forEach(c -> b.append(' ').append(line(c, up).replace("|", "\\|")).append(" |"));
            b.append('\n');
        }
        b.append('\n');
    }

    private static String line(Doc.Line line, String up) {
        StringBuilder b = new StringBuilder();
        for (Doc.Span s : line.spans()) {
            if (s.href().isEmpty()) {
                b.append(inline(s.text()));
            } else {
                b.append('[').append(inline(s.text())).append("](").append(up).append(Html.href(s.href(), ".md")).append(')');
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /** Text with Markdown's active characters escaped, on one line. */
    static String inline(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
                .replace("<", "&lt;").replace("`", "\\`").replace('\n', ' ');
    }
}
