package io.portcullis.cli.docs;

import io.portcullis.cli.ExitCodes;
import io.portcullis.cli.access.ConfigFiles;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import io.portcullis.site.LivingDocs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis docs CONFIG... --out DIR [--audit DIR]}: compiles the plan as {@code validate} does and writes
 * its living documentation (docs/living-docs.md). Exit 0 written, 2 invalid input or nothing written.
 */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write living documentation of the plan: a static site (HTML, and Markdown for a wiki) with a page per "
                + "API (purpose, owner, who can reach it and through which rule chain, identity, resource policy, limits, "
                + "exceptions, recent decisions with --audit) and per group (purpose, members, what it grants, who references "
                + "it), an index with search, exceptions by expiry, an interactive reachability map (map.html, its model map.json), and "
                + "diagrams as SVG, Graphviz DOT and Mermaid. Opens from "
                + "disk, needs no server and nothing from the network. The same plan, --at and log give the same bytes.",
                "Exit codes: 0 written, 2 invalid input or not written."})
public final class DocsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories of YAML files, merged")
    List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "where the site goes: a new or empty directory, or a site written before (replaced)")
    Path out;

    @Option(names = "--audit", paramLabel = "DIR", description = "an audit log directory: each API page shows its decisions by layer and reason, and the latest")
    Path audit;

    @Option(names = "--since", paramLabel = "INSTANT", description = "with --audit: only records at or after this instant")
    Instant since;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "the instant network reach is evaluated at (schedules, expiries); default: the start of today, UTC")
    Instant at;

    @Option(names = "--graphviz", paramLabel = "COMMAND", defaultValue = "dot",
            description = "the Graphviz command that renders SVG (default: ${DEFAULT-VALUE}; Debian package graphviz)")
    String graphviz;

    @Option(names = "--no-svg", description = "write the diagrams as DOT and Mermaid only, without Graphviz")
    boolean noSvg;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (since != null && audit == null) {
            err.println("error: --since: given without --audit (expected: --audit DIR with it)");
            return ExitCodes.INVALID;
        }
        if (!noSvg && !LivingDocs.graphvizAvailable(graphviz)) {
            err.println("error: --graphviz: '" + graphviz + "' does not run (expected: Graphviz's dot, e.g. apt-get install graphviz, "
                    + "or --no-svg for DOT and Mermaid only)");
            return ExitCodes.INVALID;
        }
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Optional<Plan> compiled = ConfigFiles.compile(compiler, paths, err);
            if (compiled.isEmpty()) {
                return ExitCodes.INVALID;
            }
            Plan plan = compiled.get();
            compiler.discard(plan);
            LivingDocs.Builder docs = LivingDocs.builder(plan.config(), plan.engine().snapshot()).planDigest(plan.digest().toString())
                    .sources(plan.sources()).at(at != null ? at : Instant.now().truncatedTo(ChronoUnit.DAYS));
            if (audit != null) {
                docs.audit(audit, since);
            }
            if (!noSvg) {
                docs.graphviz(graphviz);
            }
            LivingDocs.Result r = docs.build().write(out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("wrote %s: %d API pages, %s%d group pages, %d files%s%s%n", out, r.apis(),
                    r.awsApis() == 0 ? "" : r.awsApis() + " AWS API pages, ", r.groups(), r.files(),
                    r.svg() ? "" : " (no SVG)", audit == null ? "" : "; " + r.auditRecords() + " audit records read");
            if (!r.auditDamage().isEmpty()) {
                err.println("warning: --audit: the log's read stopped early: " + r.auditDamage());
            }
            o.println("open " + out.resolve("index.html"));
            o.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}
