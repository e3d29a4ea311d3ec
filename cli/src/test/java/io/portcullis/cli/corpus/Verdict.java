package io.portcullis.cli.corpus;

import io.portcullis.cli.CliRun;
import io.portcullis.runtime.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * What one command made of a configuration: accepted, or refused with its error messages.
 *
 * @param errors each problem's text, without the {@code error: } prefix; first lines only, so that both sides
 *     are cut the same way should a message span lines
 * @param detail what else the command said (exit code, warnings), for failure messages and the report
 */
record Verdict(boolean accepted, List<String> errors, String detail) {

    Verdict {
        errors = List.copyOf(errors);
    }

    /** {@code portcullis validate DIR}, in-process; each error is printed as {@code error: <problem>}. */
    static Verdict validate(Path dir) {
        CliRun r = CliRun.of("validate", dir.toString());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).map(l -> l.substring("error: ".length())).toList();
        return new Verdict(r.code() == 0, errors, "exit " + r.code() + (r.out().isBlank() ? "" : "; " + r.out().strip()));
    }

    /**
     * {@code portcullis run --config DIR} as {@code RunCommand} does it, in-process: start a node (closed again at
     * once when it starts). {@code RunCommand} prints each problem of the start exception as {@code error:
     * <problem>}; any other exception escapes the command, which is recorded as one pseudo-error naming it.
     */
    static Verdict run(Path dir) {
        Node node;
        try {
            node = Node.builder(List.of(dir)).build().start();
        } catch (Node.NodeStartException e) {
            List<String> firstLines = e.problems().stream().map(p -> p.lines().findFirst().orElse("")).toList();
            return new Verdict(false, firstLines, "NodeStartException");
        } catch (RuntimeException e) {
            return new Verdict(false, List.of("<uncaught " + e.getClass().getName() + ": " + e.getMessage() + ">"), "uncaught exception");
        }
        String ports = node.boundPorts().toString();
        node.close();
        return new Verdict(true, List.of(), "started " + ports);
    }

    /** The errors as a set: the order problems are found in is not part of the contract. */
    TreeSet<String> errorSet() {
        return new TreeSet<>(errors);
    }

    @Override
    public String toString() {
        return (accepted ? "ACCEPTED" : "REFUSED") + " (" + detail + ")" + (errors.isEmpty() ? "" : "\n    " + String.join("\n    ", errors));
    }
}
