package io.portcullis.dist;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One external command the packaging tests run (tar, the launcher, unshare), its output and exit code. */
record Command(List<String> argv, Path directory, Map<String, String> environment, Duration timeout) {

    Command {
        argv = List.copyOf(argv);
        requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        requireNonNull(timeout, "timeout");
    }

    static Command of(Path directory, String... argv) {
        return new Command(List.of(argv), directory, Map.of(), Duration.ofMinutes(2));
    }

    Command with(Map<String, String> env) {
        return new Command(argv, directory, env, timeout);
    }

    Command plus(List<String> more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(more);
        return new Command(all, directory, environment, timeout);
    }

    /** What a finished command printed (standard output and error, interleaved) and its exit code. */
    record Result(int exit, String output) {}

    Result run() throws IOException, InterruptedException {
        Path log = Files.createTempFile("portcullis-dist", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError(argv + " still running after " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs the command and fails, with what it printed, unless it exits 0. */
    String succeeds() throws IOException, InterruptedException {
        Result r = run();
        if (r.exit() != 0) {
            throw new AssertionError(argv + " exited " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }
}
