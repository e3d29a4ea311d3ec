package io.portcullis.site.internal;

import java.util.List;

/**
 * Renders a {@link Doc} to one self-contained HTML page: the stylesheet and scripts are the site's own files under
 * {@code assets/} (nothing from the network), links are relative so the site opens from disk, and nothing varies
 * between runs (no time, no random id).
 */
public final class Html {

    private Html() {}

    /** The page; {@code search} adds the search box and its scripts (the index page). */
    public static String page(Doc doc, String footer, boolean search) {
        String up = doc.up();
        StringBuilder b = new StringBuilder(4096);
        top(b, doc.title(), up, search ? List.of(up + "search-index.js", up + "assets/search.js") : List.of(), List.of(), "");
        b.append("<h1>").append(esc(doc.title())).append("</h1>\n");
        if (search) {
            b.append("<p><label for=\"search\">Search APIs and groups</label> <input id=\"search\" type=\"search\" "
                    + "autocomplete=\"off\" placeholder=\"name, owner, purpose, account\"></p>\n<ul id=\"results\"></ul>\n");
        }
        for (Doc.Block block : doc.blocks()) {
            block(b, block, up);
        }
        b.append("</main>\n<footer>").append(esc(footer)).append("</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The start of every page up to its {@code <main>}: the head with the site's stylesheet, then {@code styles} and
     * {@code scripts} (deferred), and the navigation; {@code up} leads from the page to the site's root, {@code main}
     * is the main element's class (empty: none).
     */
    static void top(StringBuilder b, String title, String up, List<String> scripts, List<String> styles, String main) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" · Portcullis</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(up).append("assets/site.css\">\n");
        styles.forEach(s -> b.append("<link rel=\"stylesheet\" href=\"").append(s).append("\">\n"));
        scripts.forEach(s -> b.append("<script src=\"").append(s).append("\" defer></script>\n"));
        b.append("</head>\n<body>\n<nav><a href=\"").append(up).append("index.html\">Index</a> <a href=\"").append(up)
                .append("exceptions.html\">Exceptions</a> <a href=\"").append(up).append("estate.html\">Estate diagram</a> <a href=\"")
                .append(up).append("map.html\">Reachability map</a></nav>\n")
                .append(main.isEmpty() ? "<main>\n" : "<main class=\"" + main + "\">\n");
    }

    private static void block(StringBuilder b, Doc.Block block, String up) {
        if (block instanceof Doc.Heading h) {
            b.append("<h").append(h.level()).append(" id=\"").append(h.id()).append("\">").append(esc(h.text()))
                    .append("</h").append(h.level()).append(">\n");
        } else if (block instanceof Doc.Para p) {
            b.append("<p>").append(line(p.line(), up)).append("</p>\n");
        } else if (block instanceof Doc.Bullets l) {
            b.append("<ul>\n");
            l.items().forEach(i -> b.append("<li>").append(line(i, up)).append("</li>\n"));
            b.append("</ul>\n");
        } else if (block instanceof Doc.Table t) {
            table(b, t, up);
        } else if (block instanceof Doc.Figure f) {
            b.append("<figure>\n");
            if (!f.svg().isEmpty()) {
                b.append("<a href=\"").append(up).append(f.svg()).append("\"><img src=\"").append(up).append(f.svg())
                        .append("\" alt=\"").append(esc(f.caption())).append("\"></a>\n");
            }
            b.append("<figcaption>").append(esc(f.caption())).append(" (<a href=\"").append(up).append(f.dot())
                    .append("\">Graphviz DOT</a>, <a href=\"").append(up).append(f.mermaid()).append("\">Mermaid</a>)</figcaption>\n")
                    .append("</figure>\n");
        }
    }

    private static void table(StringBuilder b, Doc.Table t, String up) {
        b.append("<table>\n<thead><tr>");
        t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (List<Doc.Line> row : t.rows()) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(line(c, up)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static String line(Doc.Line line, String up) {
        StringBuilder b = new StringBuilder();
        for (Doc.Span s : line.spans()) {
            if (s.href().isEmpty()) {
                b.append(esc(s.text()));
            } else {
                b.append("<a href=\"").append(up).append(href(s.href(), ".html")).append("\">").append(esc(s.text())).append("</a>");
            }
        }
        return b.toString();
    }

    /** {@code apis/orders#who} becomes {@code apis/orders.html#who}. */
    static String href(String target, String extension) {
        int hash = target.indexOf('#');
        return hash < 0 ? target + extension : target.substring(0, hash) + extension + target.substring(hash);
    }

    /** Text escaped for HTML content and attribute values. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
