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
                Files.move(produced, dot.resolveSibling(name.substring(0, name.length() - ".dot".length()) + ".svg"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
