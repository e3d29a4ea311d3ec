package io.portcullis.cli.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.runtime.change.RiskAssessment;
import io.portcullis.runtime.diff.AccessChange;
import io.portcullis.runtime.diff.ApiDiff;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.diff.PolicyChange;
import io.portcullis.runtime.diff.SettingChange;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints a diff with its risk and baseline results as text (terminal), Markdown (a pull request) or JSON (tools):
 * one rendering per format of the same values, nothing computed here.
 */
final class DiffReport {

    /** What is printed: the two plans, the diff, the risk and the baselines in force ({@code null}: none). */
    record Report(String from, String to, PlanDiff diff, RiskAssessment risk, JsonNode baselines) {}

    private DiffReport() {}

    static void text(Report r, PrintWriter out) {
        out.println("diff " + r.from() + " -> " + r.to() + " (from " + r.diff().at() + ")");
        if (r.diff().isEmpty()) {
            out.println("no difference in access, policy, identity or limits");
        }
        for (ApiDiff a : r.diff().apis()) {
            out.println(a.label() + ": " + a.presence());
            access("gained", "+", a.gained(), out);
            access("lost", "-", a.lost(), out);
            if (!a.policy().isEmpty()) {
                out.println("  resource policy:");
                for (PolicyChange p : a.policy()) {
                    out.println("    " + (p.allowed() ? "+ allows " : "- denies ") + p.requestClass());
                    out.println("        before: " + p.before());
                    out.println("        after:  " + p.after());
                }
            }
            settings("identity", a.identity(), out);
            settings("limits", a.limits(), out);
        }
        r.diff().notes().forEach(n -> out.println("note: " + n));
        out.println("risk " + r.risk().level().id());
        r.risk().contributions().forEach(c -> out.println("  " + c.level().id() + "  " + c.rule() + ": " + c.detail()));
        baselines(r.baselines(), out, "");
    }

    private static void access(String title, String sign, List<AccessChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            return;
        }
        out.println("  " + title + ":");
        for (AccessChange c : changes) {
            out.println("    " + sign + " " + line(c));
            out.println("        before: " + c.before());
            out.println("        after:  " + c.after());
        }
    }

    private static String line(AccessChange c) {
        return c.who() + (c.groups().isEmpty() ? "" : " groups " + c.groups()) + " tcp/" + c.port()
                + (c.via().isEmpty() ? "" : " via " + c.via())
                + (c.principal().isEmpty() ? "" : " as " + c.principal() + " to " + c.resource()) + ", " + c.window();
    }

    private static void settings(String title, List<SettingChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            return;
        }
        out.println("  " + title + ":");
        changes.forEach(s -> out.println("    " + s.path() + ": " + s.before() + " -> " + s.after()));
    }

    private static void baselines(JsonNode baselines, PrintWriter out, String bullet) {
        if (baselines == null) {
            return;
        }
        for (JsonNode b : baselines) {
            JsonNode v = b.get("violations");
            out.println(bullet + "baseline " + b.get("name").asText() + " (" + b.get("require").asText() + "): "
                    + (v.isEmpty() ? "met" : v.size() + " violation(s)"));
            v.forEach(x -> out.println(bullet.isEmpty() ? "  " + x.asText() : "  - " + x.asText()));
        }
    }

    static void markdown(Report r, PrintWriter out) {
        out.println("### Portcullis diff: risk **" + r.risk().level().id() + "**");
        out.println();
        out.println("`" + r.from() + "` → `" + r.to() + "`, evaluated from " + r.diff().at());
        out.println();
        if (r.diff().isEmpty()) {
            out.println("No difference in access, policy, identity or limits.");
            out.println();
        }
        for (ApiDiff a : r.diff().apis()) {
            out.println("#### " + a.label() + " (" + a.presence() + ")");
            out.println();
            if (!a.gained().isEmpty() || !a.lost().isEmpty()) {
                out.println("| | who | port | way / principal / resource | when | before | after |");
                out.println("|---|---|---|---|---|---|---|");
                a.gained().forEach(c -> row("gained", c, out));
                a.lost().forEach(c -> row("lost", c, out));
                out.println();
            }
            if (!a.policy().isEmpty()) {
                out.println("| resource policy | request class | before | after |");
                out.println("|---|---|---|---|");
                a.policy().forEach(p -> out.println("| " + (p.allowed() ? "now allows" : "now denies") + " | " + cell(p.requestClass())
                        + " | " + cell(p.before()) + " | " + cell(p.after()) + " |"));
                out.println();
            }
            if (!a.identity().isEmpty() || !a.limits().isEmpty()) {
                out.println("| setting | before | after |");
                out.println("|---|---|---|");
                a.identity().forEach(s -> out.println("| identity `" + s.path() + "` | `" + cell(s.before()) + "` | `" + cell(s.after()) + "` |"));
                a.limits().forEach(s -> out.println("| limits `" + s.path() + "` | `" + cell(s.before()) + "` | `" + cell(s.after()) + "` |"));
                out.println();
            }
        }
        r.diff().notes().forEach(n -> out.println("> " + n));
        out.println("**Risk " + r.risk().level().id() + "**");
        out.println();
        r.risk().contributions().forEach(c -> out.println("- " + c.level().id() + " `" + c.rule() + "`: " + cell(c.detail())));
        if (r.baselines() != null) {
            out.println();
            out.println("**Baselines**");
            out.println();
            baselines(r.baselines(), out, "- ");
        }
    }

    private static void row(String kind, AccessChange c, PrintWriter out) {
        String way = (c.via().isEmpty() ? "listener" : c.via()) + (c.principal().isEmpty() ? "" : " / " + c.principal() + " / " + c.resource());
        out.println("| " + kind + " | " + cell(c.who()) + " | " + c.port() + " | " + cell(way) + " | " + cell(c.window()) + " | "
                + cell(c.before()) + " | " + cell(c.after()) + " |");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static void json(Report r, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("from", r.from()).put("to", r.to());
        o.set("diff", r.diff().toJson());
        ObjectNode risk = o.putObject("risk").put("level", r.risk().level().id());
        var list = risk.putArray("contributions");
        r.risk().contributions().forEach(c -> list.addObject().put("rule", c.rule()).put("level", c.level().id()).put("detail", c.detail()));
        o.set("baselines", r.baselines());
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
