package io.portcullis.site.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One page as a list of blocks, rendered twice: to HTML ({@link Html}) and to Markdown ({@link Markdown}), so the
 * site and the wiki say the same thing. Links are relative to the site's root ({@code apis/orders}) without an
 * extension; each renderer adds its own ({@code .html}, {@code .md}) and the way up from the page's folder.
 */
public final class Doc {

    /** A run of text, linked when {@code href} is not empty. */
    public record Span(String text, String href) {
        public Span {
            requireNonNull(text, "text");
            requireNonNull(href, "href");
        }

        public static Span text(String text) {
            return new Span(text, "");
        }

        public static Span link(String text, String href) {
            return new Span(text, href);
        }
    }

    /** A line of spans. */
    public record Line(List<Span> spans) {
        public Line {
            spans = List.copyOf(spans);
        }

        public static Line of(Span... spans) {
            return new Line(List.of(spans));
        }

        public static Line text(String text) {
            return of(Span.text(text));
        }

        public String plain() {
            StringBuilder b = new StringBuilder();
            spans.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** A page block. */
    public sealed interface Block permits Heading, Para, Table, Bullets, Figure {}

    public record Heading(int level, String text, String id) implements Block {}

    public record Para(Line line) implements Block {}

    public record Table(List<String> header, List<List<Line>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public record Bullets(List<Line> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** A diagram: its SVG (when rendered), with links to its DOT and Mermaid sources; paths from the root. */
    public record Figure(String caption, String svg, String dot, String mermaid) implements Block {}

    private final String path;
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    /** A page at {@code path} (from the site's root, without extension, e.g. {@code apis/orders}). */
    public Doc(String path, String title) {
        this.path = requireNonNull(path, "path");
        this.title = requireNonNull(title, "title");
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public Doc h2(String text) {
        blocks.add(new Heading(2, text, Ids.anchor(text)));
        return this;
    }

    public Doc para(Line line) {
        blocks.add(new Para(line));
        return this;
    }

    public Doc para(String text) {
        return para(Line.text(text));
    }

    public Doc table(List<String> header, List<List<Line>> rows) {
        blocks.add(new Table(header, rows));
        return this;
    }

    public Doc bullets(List<Line> items) {
        blocks.add(new Bullets(items));
        return this;
    }

    public Doc figure(Figure f) {
        blocks.add(f);
        return this;
    }

    /** The way from this page's folder up to the root: {@code ""} or {@code "../"}. */
    public String up() {
        return "../".repeat((int) path.chars().filter(c -> c == '/').count());
    }
}
