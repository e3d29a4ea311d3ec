package io.portcullis.cli.access;

import io.portcullis.cli.ExitCodes;
import io.portcullis.decision.Decision;
import io.portcullis.runtime.explain.ExplanationJson;
import io.portcullis.runtime.explain.RequestExplainer;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import io.portcullis.runtime.explain.RequestExplanation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis explain}: the whole decision for one request, without sending traffic. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Run the whole decision for one request (network, route, identity, policy, limits), offline.",
                "Uses the code the gateway runs, sends no traffic, and prints which layer decided and why.",
                "Exit codes: 0 allowed, 1 denied, 2 invalid input."})
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories")
    List<Path> config;

    @Option(names = "--from", required = true, paramLabel = "SOURCE", description = "workload:ID or ADDRESS@VPC")
    String from;

    @Option(names = "--to", required = true, paramLabel = "API", description = "API name")
    String to;

    @Option(names = "--request", required = true, paramLabel = "'METHOD PATH'", description = "for example 'GET /orders/42'")
    String request;

    @Option(names = "--token", paramLabel = "FILE", description = "a file holding the bearer token (never echoed)")
    Path token;

    @Option(names = "--cert", paramLabel = "FILE", description = "a PEM file with the client certificate chain the caller "
            + "presents (leaf first), verified as the API's TLS listener would")
    Path cert;

    @Option(names = "--via", paramLabel = "VPCE", description = "the VPC endpoint the request arrives through")
    String via;

    @Option(names = "--at", paramLabel = "INSTANT", description = "decide at this instant, in every layer (rule "
            + "schedules and expiries, route windows, token lifetimes, policy time conditions; default: now)")
    Instant at;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String[] parts = request.strip().split("\\s+");
        if (parts.length != 2 || !parts[0].matches("[A-Z]{1,16}") || !parts[1].startsWith("/")) {
            err.println("error: --request '" + request + "' (expected: 'METHOD PATH', such as 'GET /orders/42')");
            return ExitCodes.INVALID;
        }
        String bearer = null;
        if (token != null) {
            try {
                bearer = Files.readString(token).strip();
            } catch (IOException e) {
                err.println("error: --token " + token + ": cannot read: " + e.getMessage());
                return ExitCodes.INVALID;
            }
        }
        List<java.security.cert.X509Certificate> chain = List.of();
        if (cert != null) {
            try (java.io.InputStream in = Files.newInputStream(cert)) {
                chain = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(c -> (java.security.cert.X509Certificate) c).toList();
            } catch (IOException | java.security.cert.CertificateException e) {
                err.println("error: --cert " + cert + ": cannot read a PEM certificate chain: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            if (chain.isEmpty()) {
                err.println("error: --cert " + cert + ": holds no certificate (expected: a PEM certificate chain, leaf first)");
                return ExitCodes.INVALID;
            }
        }
        RequestExplanation e;
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation compiled = compiler.compile(config);
            if (compiled.plan().isEmpty()) {
                ConfigFiles.print(compiled.errors(), List.of(), err);
                return ExitCodes.INVALID;
            }
            try {
                e = new RequestExplainer(compiled.plan().get()).explain(from, via == null ? "" : via, to, parts[0],
                        parts[1], bearer, chain, at == null ? Instant.now() : at);
            } catch (IllegalArgumentException ex) {
                err.println("error: " + ex.getMessage());
                return ExitCodes.INVALID;
            } finally {
                compiler.discard(compiled.plan().get());
            }
        }
        if (format == Format.JSON) {
            out.println(json(e));
        } else {
            text(e, parts[0], parts[1], out);
        }
        out.flush();
        return e.decision().allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    private void text(RequestExplanation e, String method, String path, PrintWriter out) {
        Decision d = e.decision();
        out.printf("%s  %s %s from %s to %s%s%n", d.verdict(), method, path, from, to, via == null ? "" : " via " + via);
        out.printf("  decided by the %s layer: %s%s (%s)%n", d.layer().name().toLowerCase(Locale.ROOT), d.reason().code(),
                d.decidedBy().isEmpty() ? "" : " at " + d.decidedBy(), d.detail());
        out.println("  the client gets: " + (e.status() == 0 ? "the connection closed before any HTTP is read"
                : e.status() == 200 ? "the upstream's response (the request is forwarded)" : "HTTP " + e.status()));
        for (RequestExplanation.Step s : e.steps()) {
            out.printf("  %-9s %-5s %-20s %s%n", s.layer().name().toLowerCase(Locale.ROOT), s.decision().verdict(), s.what(),
                    s.decision().reason().code() + (s.decision().detail().isEmpty() ? "" : ": " + s.decision().detail()));
            if (s.what().equals("security groups")) {
                ExplanationText.details(e.network()).forEach(l -> out.println("            " + l.strip()));
            }
        }
        if (!e.principal().isEmpty()) {
            out.println("  principal: " + e.principal());
        }
        for (String l : e.limits()) {
            out.println("  traffic: " + l);
        }
    }

    private static String json(RequestExplanation e) {
        return ExplanationJson.request(e).toString();
    }
}
