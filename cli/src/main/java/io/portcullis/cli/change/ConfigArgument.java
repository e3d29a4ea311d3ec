package io.portcullis.cli.change;

import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A configuration named on the command line of {@code diff}, {@code propose} and {@code tenant add}: a file or
 * directory, or {@code REV:PATH}, the file or directory {@code PATH} at git revision {@code REV} of the repository
 * holding the working directory (read with {@code git archive} into a temporary directory, removed at exit).
 * Compiled as {@code run} compiles it; only errors are printed.
 */
final class ConfigArgument {

    private static final Pattern REVISION = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._/@{}~^-]*):(.+)");

    private ConfigArgument() {}

    /** The paths {@code argument} stands for, the revision's materialized; empty after printing why not. */
    static Optional<List<Path>> paths(String argument, PrintWriter err) {
        Path direct = Path.of(argument);
        var m = REVISION.matcher(argument);
        if (Files.exists(direct) || !m.matches()) {
            return Optional.of(List.of(direct));
        }
        try {
            Path dir = Files.createTempDirectory("portcullis-rev-");
            deleteOnExit(dir);
            Path tar = dir.resolve("tree.tar");
            String rev = m.group(1);
            // PATH is relative to the working directory, as a file argument is; git archive wants it from the top.
            String top = output(List.of("git", "rev-parse", "--show-toplevel"));
            String prefix = output(List.of("git", "rev-parse", "--show-prefix"));
            String path = top == null || prefix == null ? m.group(2)
                    : Path.of(prefix.isEmpty() ? "." : prefix).resolve(m.group(2)).normalize().toString();
            List<String> archive = top == null ? List.of("git", "archive", "--format=tar", "-o", tar.toString(), rev, "--", path)
                    : List.of("git", "-C", top, "archive", "--format=tar", "-o", tar.toString(), rev, "--", path);
            int code = run(archive, err);
            if (code != 0) {
                err.println("error: " + argument + ": git archive " + rev + " -- " + path + " failed (expected: a file or "
                        + "directory, or REV:PATH with REV a revision of the repository here and PATH in it)");
                err.flush();
                return Optional.empty();
            }
            if (run(List.of("tar", "-xf", tar.toString(), "-C", dir.toString()), err) != 0) {
                err.println("error: " + argument + ": the archive of " + rev + " could not be unpacked");
                err.flush();
                return Optional.empty();
            }
            Files.delete(tar);
            return Optional.of(List.of(dir.resolve(path)));
        } catch (IOException e) {
            err.println("error: " + argument + ": " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    /** The first line {@code command} prints, or null when it fails. */
    private static String output(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.getErrorStream().readAllBytes();
        try {
            return p.waitFor() == 0 ? out : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int run(List<String> command, PrintWriter err) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int code = p.waitFor();
            if (code != 0 && !output.isBlank()) {
                err.print(output);
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }));
    }

    /** Compiles {@code paths} as {@code run} does; the plan, or empty after printing the errors. */
    static Optional<Plan> compile(PlanCompiler compiler, List<Path> paths, PrintWriter err) {
        Compilation compiled = compiler.compile(paths);
        if (compiled.plan().isEmpty()) {
            ConfigFiles.print(compiled.errors(), List.of(), err);
            err.println(paths + ": " + compiled.errors().size() + " error(s)");
            err.flush();
            return Optional.empty();
        }
        compiler.discard(compiled.plan().get());
        return compiled.plan();
    }

    /** {@link #paths} then {@link #compile} for each argument, all of them forming one configuration. */
    static Optional<Plan> compileArguments(PlanCompiler compiler, List<String> arguments, PrintWriter err) {
        List<Path> all = new ArrayList<>();
        for (String a : arguments) {
            Optional<List<Path>> p = paths(a, err);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(p.get());
        }
        return compile(compiler, all, err);
    }
}
