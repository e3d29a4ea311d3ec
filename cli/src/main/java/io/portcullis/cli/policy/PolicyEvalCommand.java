package io.portcullis.cli.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portcullis.cli.ExitCodes;
import io.portcullis.policy.Outcome;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyError;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.PolicyResult;
import io.portcullis.policy.SimpleRequestContext;
import io.portcullis.policy.simulator.SimulationRequest;
import io.portcullis.policy.simulator.Simulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis policy eval}: one request against policies (exit 0 Allow, 1 deny, 2 invalid), or a JSON-lines
 * batch with {@code --batch} (one result line per input line; exit 0 unless the batch could not be read).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a request against resource policies exactly as AWS does, and explain the decision.",
                "Exit codes: 0 Allow, 1 ExplicitDeny or ImplicitDeny, 2 invalid input."})
public final class PolicyEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @ArgGroup(exclusive = false)
        Single single;

        @Option(names = "--batch", paramLabel = "FILE|-", required = true,
                description = "JSON lines {\"policies\": [POLICY, ...], \"request\": {...}}; - reads stdin")
        String batch;
    }

    static final class Single {
        @Option(names = "--policy", paramLabel = "FILE", required = true, description = "a policy JSON file (repeatable)")
        List<Path> policies;

        @Option(names = "--request", paramLabel = "FILE|-", required = true, description = "the request JSON; - reads stdin")
        String request;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return mode.batch != null ? batch(out, err) : single(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int single(PrintWriter out, PrintWriter err) {
        List<PolicyDocument> docs = new ArrayList<>();
        boolean ok = true;
        for (Path p : mode.single.policies) {
            String text = read(p.toString(), err);
            if (text == null) {
                return ExitCodes.INVALID;
            }
            ParseResult r = PolicyParser.parse(text);
            if (r instanceof ParseResult.Invalid bad) {
                ok = false;
                for (PolicyError e : bad.errors()) {
                    err.println(p + ":" + e);
                }
            } else {
                docs.add(r.orThrow());
            }
        }
        String requestText = read(mode.single.request, err);
        if (!ok || requestText == null) {
            return ExitCodes.INVALID;
        }
        PolicyResult result;
        try {
            SimpleRequestContext request = SimulationRequest.parse(Simulator.readJson(requestText));
            result = Simulator.evaluate(docs, request);
        } catch (JsonProcessingException e) {
            err.println(mode.single.request + ": invalid JSON: " + e.getOriginalMessage());
            return ExitCodes.INVALID;
        } catch (IllegalArgumentException e) {
            err.println(mode.single.request + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
        out.println(Simulator.toJson(result).toPrettyString());
        return result.outcome() == Outcome.ALLOW ? ExitCodes.OK : ExitCodes.DENIED;
    }

    private int batch(PrintWriter out, PrintWriter err) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(mode.batch), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    out.println(Simulator.batchLine(line));
                }
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println(mode.batch + ": cannot read (" + e.getClass().getSimpleName() + ")");
            return ExitCodes.INVALID;
        }
    }

    private String read(String source, PrintWriter err) {
        try (InputStream in = open(source)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(source + ": cannot read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static InputStream open(String source) throws IOException {
        return source.equals("-") ? System.in : Files.newInputStream(Path.of(source));
    }
}
