package io.portcullis.runtime.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.ConfigDocument;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Problem;
import io.portcullis.config.SourceMap;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.settings.TlsSettings;
import io.portcullis.engine.AccessEngine;
import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.identity.binding.CertificateBinding;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.runtime.auth.ApiAuthorizer;
import io.portcullis.runtime.auth.Authorizers;
import io.portcullis.runtime.auth.ConfigIds;
import io.portcullis.runtime.change.Baselines;
import io.portcullis.runtime.geo.GeoLocator;
import io.portcullis.runtime.serving.ServingPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one compiler from configuration files to a {@link Plan}: load and check the YAML, build every API's
 * authorizer (JWT keys read, policies compiled), map every API to the gateway's settings (TLS files readable,
 * an upstream set, listeners that do not clash), check the node sections, compile the network engine. Every
 * problem of every step is reported at once, placed at the file, line and column it comes from.
 *
 * <p>JWT verifiers are expensive (key files read, a remote JWKS fetched, a token cache warmed), so a compiler
 * carries a verifier over from the plan in force when its settings did not change: after a plan is put in
 * force, {@link #adopt} it; a plan that is compiled but not used is {@link #discard}ed. Not thread-safe: one
 * compilation at a time (a node compiles on its reload thread).
 */
public final class PlanCompiler implements AutoCloseable {

    private final Clock clock;
    private final ConfigLoader loader;
    private final Authorizers authorizers = new Authorizers();

    private PlanCompiler(Clock clock, ConfigLoader loader) {
        this.clock = clock;
        this.loader = loader;
    }

    private PlanCompiler(Clock clock) {
        this(clock, ConfigLoader.withClock(clock));
    }

    public static PlanCompiler create() {
        return new PlanCompiler(Clock.systemUTC());
    }

    /** A compiler whose clock decides which rules count as expired (for warnings). */
    public static PlanCompiler withClock(Clock clock) {
        return new PlanCompiler(requireNonNull(clock, "clock"));
    }

    /**
     * As {@link #withClock}, every file path the configuration names confined to {@code root}
     * ({@link ConfigLoader#confinedTo}): for configurations that must not read the host's files.
     */
    public static PlanCompiler confined(Clock clock, Path root) {
        return new PlanCompiler(requireNonNull(clock, "clock"), ConfigLoader.withClock(clock).confinedTo(root));
    }

    /** Compiles the files and directories (merged) into a plan, or lists every reason it cannot be served. */
    public Compilation compile(List<Path> paths) {
        return compile(loader.load(paths));
    }

    /**
     * Compiles configuration documents held in memory (an import's output, with the trees it built: no YAML is
     * parsed unless a problem is placed), merged in order, as a directory of those files would compile.
     */
    public Compilation compileDocuments(List<ConfigDocument> documents) {
        return compile(loader.loadDocuments(documents));
    }

    private Compilation compile(ValidationReport report) {
        List<Problem> warnings = new ArrayList<>(report.warnings());
        if (!report.valid()) {
            return new Compilation(Optional.empty(), report.errors(), warnings);
        }
        PortcullisConfig config = report.config().orElseThrow();
        // the engine depends on the configuration alone: it compiles beside the digest and the authorizers
        Beside<AccessEngine> engineTask = Beside.start("plan-engine", () -> AccessEngine.compile(config));
        SourceMap sources = report.sources();
        List<String> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        Map<JwtConfig, JwtVerifier> verifiers = new HashMap<>();
        Map<String, ApiAuthorizer> built = new HashMap<>();
        ConfigIds ids = ConfigIds.of(config);
        CertificateBinding certificates = Authorizers.certificates(config.partners());
        GeoLocator geo = NodePlan.geo(config.node(), problems); // the authorizers look addresses up in it
        authorizers.geo(geo);
        for (int i = 0; i < config.apis().size(); i++) {
            ApiAuthorizer a = authorizers.build(config.apis().get(i), i, ids, verifiers, certificates, problems, found);
            if (a != null) {
                built.put(config.apis().get(i).name(), a);
            }
        }
        estatePolicies(config, problems);
        config.node().changeControl().ifPresent(c -> Baselines.check(c.baselines(), config, clock.instant())
                .forEach(v -> problems.add(v.toString())));
        PlanDigest digest = PlanDigest.of(config);
        ServingPlan.Result serving = ServingPlan.of(config, (api, b) -> {
            ApiAuthorizer a = built.get(api.name()); // null only when the configuration is refused anyway
            boolean clientCertificates = api.serving().tls().flatMap(TlsSettings::clientCa).isPresent();
            return b.plan(digest.toString())
                    .authorizer(a == null || a.decidesNothing(clientCertificates) ? RequestAuthorizer.NONE : a);
        });
        problems.addAll(serving.problems());
        serving.settings().ifPresent(g -> tls(g, problems));
        NodePlan node = NodePlan.compile(config.node(),
                serving.settings().map(GatewaySettings::apis).orElse(List.of()), problems, found).withGeo(geo);
        found.forEach(w -> warnings.add(sources.parse(Problem.Severity.WARNING, w)));
        AccessEngine engine = null;
        if (problems.isEmpty()) {
            try {
                engine = engineTask.join();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        } else {
            engineTask.cancel();
        }
        if (!problems.isEmpty()) {
            authorizers.discard(verifiers);
            return new Compilation(Optional.empty(),
                    problems.stream().map(p -> sources.parse(Problem.Severity.ERROR, p)).toList(), warnings);
        }
        return new Compilation(Optional.of(new Plan(config, engine, serving.settings().orElseThrow(), node, verifiers,
                warnings, sources, digest)), List.of(), warnings);
    }

    /**
     * The policies the estate's analysis evaluates (endpoint policies, AWS APIs' resource policies) parse, or
     * their errors are placed where they were written: {@code validate} refuses a document the analysis could
     * not read.
     */
    private static void estatePolicies(PortcullisConfig config, List<String> problems) {
        for (int i = 0; i < config.vpcEndpoints().size(); i++) {
            int at = i;
            config.vpcEndpoints().get(i).policy().ifPresent(p -> Authorizers.document(p, "vpcEndpoints[" + at + "].policy", problems));
        }
        for (int i = 0; i < config.awsApis().size(); i++) {
            int at = i;
            config.awsApis().get(i).resourcePolicy().ifPresent(p -> Authorizers.document(p, "awsApis[" + at + "].resourcePolicy", problems));
        }
    }

    /**
     * Builds every API's TLS server context as the gateway will (certificate and key parsed and matched, client
     * CAs and CRL read), so that a file that cannot serve is found here and not when the gateway starts.
     */
    private static void tls(GatewaySettings gateway, List<String> problems) {
        for (int i = 0; i < gateway.apis().size(); i++) {
            ApiSettings api = gateway.apis().get(i);
            if (api.tls().isPresent()) {
                try {
                    TlsContexts.server(api.tls().get());
                } catch (IllegalArgumentException e) {
                    problems.add("apis[" + i + "]." + e.getMessage());
                }
            }
        }
    }

    /** {@code plan} is now in force: its verifiers are kept for the next compilation, every other one closed. */
    public void adopt(Plan plan) {
        authorizers.retire(plan.verifiers());
    }

    /** {@code plan} will not be used: the verifiers built for it alone are closed. */
    public void discard(Plan plan) {
        authorizers.discard(plan.verifiers());
    }

    @Override
    public void close() {
        authorizers.close();
    }
}
