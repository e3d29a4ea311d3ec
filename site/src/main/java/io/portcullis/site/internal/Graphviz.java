package io.portcullis.site.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders DOT files to SVG with Graphviz's {@code dot}, run as a process (Debian's {@code graphviz} package): many
 * files per process ({@code dot -Tsvg -O}), so a site of a thousand diagrams starts a few dozen processes, not a
 * thousand. The SVG is written beside its DOT file ({@code api-orders.dot} gives {@code api-orders.svg}).
 */
public final class Graphviz {

    private static final int PER_PROCESS = 200;
    private static final long TIMEOUT_SECONDS = 300;

    private final String command;

    public Graphviz(String command) {
        this.command = command;
    }

    private static final java.util.regex.Pattern CLUSTER =
            java.util.regex.Pattern.compile("<g id=\"clust(\\d+)\" class=\"cluster\">.*?</g>\n", java.util.regex.Pattern.DOTALL);

    /**
     * The SVG with its cluster elements in the order of their ids. Graphviz lays a graph out the same every time but
     * may write the clusters' elements (which hold no other element) in a different order from run to run; they
     * are drawn first and do not overlap, so putting them in id order changes no pixel and makes the bytes stable.
     */
    static String clustersInOrder(String svg) {
        java.util.regex.Matcher m = CLUSTER.matcher(svg);
        java.util.TreeMap<Integer, String> clusters = new java.util.TreeMap<>();
        StringBuilder rest = new StringBuilder(svg.length());
        int at = 0;
        int first = -1;
        while (m.find()) {
            clusters.put(Integer.parseInt(m.group(1)), m.group());
            rest.append(svg, at, m.start());
            if (first < 0) {
                first = rest.length();
            }
            at = m.end();
        }
        if (first < 0) {
            return svg;
        }
        rest.append(svg.substring(at));
        return rest.insert(first, String.join("", clusters.values())).toString();
    }

    /** Whether {@code dot -V} runs. */
    public boolean available() {
        try {
            Process p = new ProcessBuilder(command, "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Renders every file of {@code dots}; throws with dot's own message when it fails. */
    public void render(List<Path> dots) throws IOException {
        for (int from = 0; from < dots.size(); from += PER_PROCESS) {
            List<Path> batch = dots.subList(from, Math.min(dots.size(), from + PER_PROCESS));
            List<String> args = new ArrayList<>(List.of(command, "-Tsvg", "-O"));
            batch.forEach(p -> args.add(p.toString()));
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command + ": did not finish in " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(command + ": interrupted", e);
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " -Tsvg failed (exit " + p.exitValue() + "): " + output.strip());
            }
            for (Path dot : batch) {
                Path produced = dot.resolveSibling(dot.getFileName() + ".svg");
                String name = dot.getFileName().toString();
                Files.writeString(dot.resolveSibling(name.substring(0, name.length() - ".dot".length()) + ".svg"),
                        clustersInOrder(Files.readString(produced)));
                Files.delete(produced);
            }
        }
    }
}
