package io.portcullis.analysis.compliance.report;

import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.findings.Finding;
import java.time.LocalDate;

/**
 * A compliance report as one printable HTML page: no script, no font, no image, nothing fetched (its
 * Content-Security-Policy forbids it), one inline style sheet with print rules (A4, each control kept on one page
 * where it fits, status shown by words and borders as well as colour). The summary table first, then each
 * control with its evidence. Every text from the configuration or the baseline is escaped.
 */
public final class ComplianceHtml {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}
            h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:0}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f2f2f2}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;word-break:break-all}
            .meta td:first-child{width:9rem;font-weight:600}
            .status{display:inline-block;border:2px solid;border-radius:3px;padding:0 .4rem;font-weight:700;font-size:.85em;white-space:nowrap}
            .pass{color:#11602a}.fail{color:#a40000}.accepted-exception{color:#7a4b00}.not-applicable{color:#555;border-style:dashed}
            section.control{border:1px solid #ccc;border-radius:4px;padding:.75rem 1rem;margin:1rem 0;break-inside:avoid;page-break-inside:avoid}
            .finding{border-left:3px solid #999;padding-left:.6rem;margin:.6rem 0}.finding ul{margin:.2rem 0 .2rem 1.2rem;padding:0}
            .muted{color:#555}
            @page{size:A4;margin:15mm}
            @media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}
            h2{break-after:avoid;page-break-after:avoid}.summary{break-after:page;page-break-after:always}}
            """;

    private ComplianceHtml() {}

    public static String write(ComplianceReport r) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(r.framework().name())).append(" compliance status</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<div class=\"summary\">\n<h1>").append(esc(r.framework().name()))
                .append(": compliance status</h1>\n<table class=\"meta\">\n");
        row(b, "Framework", "<code>" + esc(r.framework().id()) + "</code>" + (r.framework().url().isEmpty() ? ""
                : " · <span class=\"mono\">" + esc(r.framework().url()) + "</span>"));
        row(b, "Plan", "<code>" + esc(r.plan()) + "</code> (the plan digest of the configuration described)");
        row(b, "Audit log", r.audit().map(a -> esc(a.summary()) + " · <code>" + esc(a.dir()) + "</code>")
                .orElse("<span class=\"muted\">not given (no audit evidence)</span>"));
        row(b, "Generated", "<code>" + r.generated() + "</code>");
        StringBuilder counts = new StringBuilder();
        for (ControlStatus s : ControlStatus.values()) {
            counts.append(counts.length() == 0 ? "" : " · ").append(r.count(s)).append(' ').append(s.text());
        }
        row(b, "Controls", counts.toString());
        b.append("</table>\n<h2>Controls</h2>\n<table>\n<thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (ControlResult c : r.controls()) {
            b.append("<tr><td><a href=\"#").append(anchor(c)).append("\"><code>").append(esc(c.id())).append("</code></a></td><td>")
                    .append(esc(c.title())).append("</td><td>").append(badge(c)).append("</td><td>").append(esc(c.reason()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n<h2>Evidence by control</h2>\n");
        for (ControlResult c : r.controls()) {
            control(b, r, c);
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private static void control(StringBuilder b, ComplianceReport r, ControlResult c) {
        b.append("<section class=\"control\" id=\"").append(anchor(c)).append("\">\n<h3><code>").append(esc(c.id()))
                .append("</code> ").append(esc(c.title())).append(" ").append(badge(c)).append("</h3>\n<p>")
                .append(esc(c.reason())).append("</p>\n<p class=\"muted\">Rules: ")
                .append(c.rules().isEmpty() ? "none" : "<code>" + esc(String.join(", ", c.rules())) + "</code>")
                .append(" · plan <code>").append(esc(r.plan())).append("</code>")
                .append(r.audit().map(a -> " · audit log " + esc(a.summary())).orElse("")).append("</p>\n");
        for (Triaged t : c.findings()) {
            Finding f = t.finding();
            b.append("<div class=\"finding\"><strong>").append(esc(f.rule())).append("</strong> ")
                    .append(esc(f.severity().label())).append(" · ").append(esc(t.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                    .append(" · <span class=\"mono\">").append(esc(f.fingerprint())).append("</span><br>")
                    .append(esc(f.message())).append("<br><span class=\"muted\">at ").append(esc(f.resource().where()))
                    .append("</span>\n<ul>\n");
            f.evidence().forEach(e -> b.append("<li>").append(esc(e)).append("</li>\n"));
            b.append("</ul>\n<span class=\"muted\">fix: ").append(esc(f.remediation())).append("</span>");
            if (t.acceptance().isPresent()) {
                Acceptance a = t.acceptance().get();
                b.append("<br>accepted by ").append(esc(a.owner())).append(" until ").append(a.expires())
                        .append(": ").append(esc(a.justification()));
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static void row(StringBuilder b, String name, String html) {
        b.append("<tr><td>").append(name).append("</td><td>").append(html).append("</td></tr>\n");
    }

    private static String badge(ControlResult c) {
        String s = c.status().text();
        return "<span class=\"status " + s + "\">" + s + c.expires().map(LocalDate::toString).map(d -> " until " + d).orElse("") + "</span>";
    }

    private static String anchor(ControlResult c) {
        StringBuilder a = new StringBuilder("control-");
        c.id().chars().forEach(ch -> a.append(Character.isLetterOrDigit(ch) ? (char) ch : '_'));
        return a.toString();
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
