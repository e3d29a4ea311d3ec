package io.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's five-minute tour runs as written: every {@code ./portcullis} line of that section is executed (in
 * this JVM, from the repository's root), and exits as its comment says ({@code # exit N}; 0 when it says
 * nothing). {@code run} is started and stopped: it serves until Ctrl-C.
 */
class ReadmeTourTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXIT = Pattern.compile("#.*\\bexit (\\d)\\b");

    @TestFactory
    Stream<DynamicTest> everyTourCommandRunsAsWritten() throws IOException {
        List<String> commands = tour();
        assertThat(commands).as("the tour's commands").hasSizeGreaterThan(10);
        return commands.stream().map(line -> DynamicTest.dynamicTest(line.strip(), () -> check(line)));
    }

    private static List<String> tour() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Five-minute tour");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a five-minute tour").isPositive();
        List<String> out = new ArrayList<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (line.startsWith("    ./portcullis ")) {
                out.add(line.substring(4));
            } else if (line.startsWith("    ") && !line.isBlank() && !line.startsWith("    #")) {
                out.add(line.substring(4)); // a shell line that prepares the next steps (a copy to change, say)
            }
        }
        return out;
    }

    private static void check(String line) throws Exception {
        if (!line.startsWith("./portcullis ")) { // run as written, from the repository's root
            Process p = new ProcessBuilder("bash", "-c", line).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("exit code of %s%n%s", line, output).isZero();
            return;
        }
        Matcher exit = EXIT.matcher(line);
        int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        int hash = line.indexOf("   #");
        List<String> args = words(hash < 0 ? line : line.substring(0, hash));
        assertThat(args.remove(0)).isEqualTo("./portcullis");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.contains("/") && !a.startsWith("/") && Files.exists(ROOT.resolve(a))) {
                args.set(i, ROOT.resolve(a).toString()); // paths as written, from the repository's root
            }
        }
        if (args.get(0).equals("run")) {
            assertThat(args).hasSize(3).element(1).isEqualTo("--config");
            try (Node node = Node.builder(List.of(Path.of(args.get(2)))).build().start()) {
                assertThat(node.boundPorts()).isNotEmpty(); // what run serves until it is stopped
            }
            return;
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.code()).as("exit code of %s%nout: %s%nerr: %s", line, r.out(), r.err()).isEqualTo(expected);
        assertThat(r.err()).as("no error on stderr").doesNotContain("error:");
    }

    /** Words as a POSIX shell splits this line: blanks separate, single quotes group. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }
}
