package io.portcullis.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.portcullis.boundaries.Boundaries.packages;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which module may use which (docs/architecture.md), and internal packages kept internal, checked on the
 * production classes of every module. The shared values ({@code decision}, {@code time}, {@code text}) and the stages' typed
 * settings ({@code settings}) sit at the bottom; the
 * feature modules see only them (the engine also the configuration model); the data plane ({@code gateway}) sees
 * only them, so it never drags the configuration or another layer's implementation onto the request path;
 * {@code runtime} wires everything and {@code cli} drives it; nothing uses the benchmarks or the test fixtures.
 */
@AnalyzeClasses(packages = Boundaries.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    /** Every top-level package of ours; a new one needs its rule below before this test passes. */
    static final Set<String> KNOWN = Set.of("decision", "time", "text", "settings", "config", "engine", "policy", "identity", "audit",
            "gateway", "feeds", "alerts", "runtime", "estate", "analysis", "site", "control", "console", "cli", "bench");

    @ArchTest
    static void everyTopLevelPackageHasItsRule(JavaClasses classes) {
        Set<String> found = new TreeSet<>();
        classes.forEach(c -> found.add(c.getPackageName().substring(Boundaries.ROOT.length() + 1).split("\\.")[0]));
        assertThat(found).containsExactlyInAnyOrderElementsOf(KNOWN);
    }

    /** Benchmarks time internal hot paths directly (bench.engine.LinearScan runs engine.internal.CompiledSchedule). */
    @ArchTest
    static final ArchRule internalPackagesAreUsedOnlyByTheirOwner = classes()
            .that().resideOutsideOfPackage(Boundaries.ROOT + ".bench..")
            .should(Boundaries.useInternalPackagesOnlyOfTheirOwner());

    @ArchTest
    static final ArchRule decisionTimeAndTextUseNothingElseOfOurs = packages("decision", "time", "text").mayUseOnly();

    @ArchTest
    static final ArchRule settingsUseNothingElseOfOurs = packages("settings").mayUseOnly();

    @ArchTest
    static final ArchRule configUsesOnlyDecisionAndTime = packages("config").mayUseOnly("decision", "time", "settings");

    @ArchTest
    static final ArchRule engineUsesOnlyConfigDecisionAndTime =
            packages("engine").mayUseOnly("config", "decision", "time", "settings");

    @ArchTest
    static final ArchRule policyUsesOnlyDecisionAndTime = packages("policy").mayUseOnly("decision", "time");

    @ArchTest
    static final ArchRule identityUsesOnlyDecisionAndTime = packages("identity").mayUseOnly("decision", "time", "settings");

    @ArchTest
    static final ArchRule auditUsesOnlyDecisionAndTime = packages("audit").mayUseOnly("decision", "time");

    @ArchTest
    static final ArchRule feedsUseOnlyDecisionAndTime = packages("feeds").mayUseOnly("decision", "time");

    @ArchTest
    static final ArchRule alertsUseOnlyDecisionAndTime = packages("alerts").mayUseOnly("decision", "time");

    @ArchTest
    static final ArchRule gatewayUsesOnlyDecisionAndTime = packages("gateway").mayUseOnly("decision", "time", "settings");

    @ArchTest
    static final ArchRule runtimeDoesNotUseTheCli = packages("runtime").mayNotUse("cli", "estate", "analysis", "console");

    /** The importer writes configuration: it reads the model's rules and nothing that serves. */
    @ArchTest
    static final ArchRule estateUsesOnlyTheConfiguration = packages("estate").mayUseOnly("config", "decision", "time", "settings");

    /** The analysis compiles the plan as validate does (runtime), then asks the engine and the policy evaluator. */
    @ArchTest
    static final ArchRule analysisDoesNotUseTheCliOrTheImporter = packages("analysis").mayNotUse("cli", "estate", "bench");

    /**
     * Living documentation asks the engine, and who can invoke each AWS API (runtime's reach, what who-can-reach
     * prints), and reads the audit log; it decides nothing and serves nothing.
     */
    @ArchTest
    static final ArchRule siteAsksTheEngineAndReachAndReadsTheAuditLogOnly =
            packages("site").mayUseOnly("config", "engine", "runtime", "policy", "audit", "decision", "time", "settings");

    /**
     * The control plane compiles and gates plans as a node does (runtime), checks nodes' audit checkpoints (audit),
     * verifies tokens with the gateway's verifier (identity), terminates TLS as the gateway does and serves the
     * console module's relay to its nodes' consoles ({@code console.ClusterConsole}); it serves no API traffic and
     * knows nothing of the importer, the analysis or the CLI.
     */
    @ArchTest
    static final ArchRule controlUsesTheRuntimeAuditIdentityAndTlsOnly = packages("control").mayUseOnly("runtime", "config",
            "audit", "identity", "gateway", "settings", "decision", "time", "console");

    /**
     * The console reads what a node keeps (runtime: the node, its plan, explain, change records; audit: search,
     * export, proofs) and verifies sign-in tokens with identity's verifier; it serves no API and decides nothing.
     */
    @ArchTest
    static final ArchRule consoleReadsTheNodeOnly = packages("console").mayUseOnly("config", "runtime", "audit", "identity",
            "gateway", "engine", "policy", "decision", "time", "settings", "site");

    @ArchTest
    static final ArchRule nothingUsesTheBenchmarks = packages("bench").mayBeUsedByNothingElse();

    /** The test fixtures are not on this classpath; a reference to them from production code still shows. */
    @ArchTest
    static final ArchRule nothingUsesTheTestFixtures = packages("testing").mayBeUsedByNothingElse();
}
