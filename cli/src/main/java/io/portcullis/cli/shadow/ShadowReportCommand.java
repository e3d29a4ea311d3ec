package io.portcullis.cli.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis shadow report --admin HOST:PORT}: reads a node's {@code GET /shadow} (its admin listener) and
 * prints the candidate's state, what was compared, each difference by kind, API, layer, verdicts and reason, and
 * the latest samples with the deciding rule of each side.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Summarize what a node's candidate plan in shadow decided differently from the live plan.",
                "Reads GET /shadow on the node's admin listener (admin.listen).",
                "Exit codes: 0 no difference, 1 differences found, 2 the report cannot be read or no candidate is "
                        + "in shadow."})
public final class ShadowReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--admin", required = true, paramLabel = "HOST:PORT", description = "the node's admin listener")
    String admin;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--samples", defaultValue = "5", description = "samples to print, latest first (default: ${DEFAULT-VALUE})")
    int samples;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String body;
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create("http://" + admin + "/shadow")).timeout(Duration.ofSeconds(10))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("error: http://" + admin + "/shadow answered " + r.statusCode() + ": " + r.body().strip());
                err.flush();
                return ExitCodes.INVALID;
            }
            body = r.body();
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: cannot read http://" + admin + "/shadow: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INVALID;
        }
        JsonNode report;
        try {
            report = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            err.println("error: http://" + admin + "/shadow: not a shadow report: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        if (format == Format.JSON) {
            out.print(body);
        } else {
            ShadowReportText.print(report, samples, out);
        }
        out.flush();
        if (!report.path("candidate").path("state").asText().equals("shadowing")) {
            return ExitCodes.INVALID;
        }
        return report.path("differences").isEmpty() ? ExitCodes.OK : ExitCodes.DENIED;
    }
}
