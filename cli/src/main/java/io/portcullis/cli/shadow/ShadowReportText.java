package io.portcullis.cli.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The text form of a node's shadow report. */
final class ShadowReportText {

    private ShadowReportText() {}

    static void print(JsonNode r, int samples, PrintWriter out) {
        JsonNode c = r.path("candidate");
        String state = c.path("state").asText();
        out.printf("candidate: %s%s since %s (%s)%n", state, c.has("digest") ? " " + c.path("digest").asText() : "",
                c.path("since").asText(), join(c.path("paths")));
        if (state.equals("refused")) {
            out.printf("  %d problem(s), in the node's log; nothing is shadowed until the candidate compiles%n",
                    c.path("problems").asInt());
        }
        out.println("live:      " + r.path("live").asText());
        out.println("compared:  " + counts(r.path("compared")));
        out.println("skipped:   " + counts(r.path("skipped")) + "  (live decisions on live state: rate limits, in flight)");
        out.println("errors:    " + counts(r.path("errors")));
        JsonNode differences = r.path("differences");
        if (differences.isEmpty()) {
            out.println("differences: none");
        } else {
            out.println("differences:");
            out.printf("  %-10s %-16s %-8s %-5s %-6s %-28s %8s%n", "kind", "api", "layer", "live", "shadow", "reason", "count");
            for (JsonNode d : differences) {
                out.printf("  %-10s %-16s %-8s %-5s %-6s %-28s %8d%n", d.path("kind").asText(), d.path("api").asText(),
                        d.path("layer").asText(), d.path("live").asText(), d.path("shadow").asText(),
                        d.path("reason").asText(), d.path("count").asLong());
            }
        }
        List<JsonNode> kept = new ArrayList<>();
        r.path("samples").forEach(kept::add);
        if (!kept.isEmpty() && samples > 0) {
            out.printf("samples (latest %d of %d kept; %d dropped):%n", Math.min(samples, kept.size()), kept.size(),
                    r.path("samplesDropped").asLong());
            for (int i = kept.size() - 1; i >= Math.max(0, kept.size() - samples); i--) {
                JsonNode s = kept.get(i);
                out.printf("  %s %s %s from %s%s%n", s.path("time").asText(), s.path("kind").asText(), s.path("api").asText(),
                        s.path("source").asText(), s.has("method") ? ": " + s.path("method").asText() + " "
                                + s.path("path").asText() : "");
                side(out, "live", s.path("live"), s.path("explanations").path("live"));
                side(out, "shadow", s.path("shadow"), s.path("explanations").path("shadow"));
            }
        }
    }

    /** The side's decision, then from its explanation the network path (or near misses) and each step after it. */
    private static void side(PrintWriter out, String name, JsonNode d, JsonNode explanation) {
        out.printf("    %-6s %-5s %s %s%s (%s)%n", name, d.path("decision").asText(), d.path("layer").asText(),
                d.path("reason").asText(), d.path("decidedBy").asText().isEmpty() ? "" : " at " + d.path("decidedBy").asText(),
                d.path("detail").asText());
        if (explanation.has("error")) {
            out.println("           not explained: " + explanation.path("error").asText());
            return;
        }
        JsonNode network = explanation.has("network") ? explanation.path("network") : explanation;
        List<String> path = new ArrayList<>();
        network.path("path").forEach(p -> path.add(p.asText()));
        if (!path.isEmpty()) {
            out.println("           path: " + String.join(" → ", path));
        }
        for (JsonNode m : network.path("nearMisses")) {
            out.printf("           near miss: %s: %s: %s%n", m.path("rule").asText(), m.path("kind").asText(),
                    m.path("detail").asText());
        }
        for (JsonNode step : explanation.path("steps")) {
            if (!step.path("layer").asText().equals("NETWORK")) {
                out.printf("           %-8s %-5s %-20s %s%n", step.path("layer").asText().toLowerCase(java.util.Locale.ROOT),
                        step.path("decision").asText(), step.path("step").asText(), step.path("reason").asText());
            }
        }
    }

    private static String counts(JsonNode node) {
        if (node.isEmpty()) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getValue().asLong() + " " + e.getKey());
        }
        return String.join(", ", parts);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(p -> parts.add(p.asText()));
        return String.join(" ", parts);
    }
}
