package io.portcullis.bench.estate;

import io.portcullis.analysis.findings.AnalysisSettings;
import io.portcullis.analysis.findings.Analyzer;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.ImportSources;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.estate.map.ImportedConfig;
import io.portcullis.estate.write.ImportWriter;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code portcullis analyze --aws EXPORT} spends its time, phase by phase, in one JVM as the command runs
 * them: read (every file parsed, JSON pointers kept), map (to configuration items), render (each file's YAML text
 * and the tree it reads as), compile ({@code PlanCompiler#compileDocuments}: the loader's checks on the trees,
 * digest, authorizers, the engine beside them) and analysis (every rule, {@code Analyzer#analyze}). The export is
 * one {@link ImportTiming} generated. Round 0 is a cold JVM, what the command pays; later rounds are warm. Each
 * phase prints wall / this thread's CPU / the process's CPU (every thread: JIT, collector, helpers) / GC ms.
 *
 * <p>Run: {@code java -Xmx6g -cp bench/target/benchmarks.jar io.portcullis.bench.estate.AnalyzeAwsTiming EXPORT [rounds]}.
 */
public final class AnalyzeAwsTiming {

    private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    private AnalyzeAwsTiming() {}

    public static void main(String[] args) {
        Path export = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < rounds; r++) {
            ImportTiming.Phases t = new ImportTiming.Phases(ManagementFactory.getThreadMXBean());
            ImportedConfig config = ImportTiming.readAndMap(export, t);
            ImportWriter.Rendered rendered = ImportWriter.render(config, "");
            Map<String, List<Resource.ImportSource>> byPath = new HashMap<>();
            rendered.traced().forEach(x -> byPath.put(x.file() + ":" + x.path(),
                    x.sources().stream().map(s -> new Resource.ImportSource(s.file(), s.pointer())).toList()));
            t.end("render");
            List<Finding> findings;
            try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(AT, ZoneOffset.UTC))) {
                Compilation c = compiler.compileDocuments(rendered.files());
                Plan plan = c.plan().orElseThrow(() -> new IllegalStateException("invalid: " + c.errorLines()));
                t.end("compile");
                findings = Analyzer.of(AnalysisSettings.DEFAULTS).analyze(plan.config(), plan.sources(), ImportSources.of(byPath), AT);
                t.end("analysis");
                compiler.discard(plan);
            }
            System.out.printf("round %d: %s; %d findings%n", r, t, findings.size());
        }
    }
}
