package io.portcullis.runtime.shadow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.SourceSpec;
import io.portcullis.gateway.tls.ClientIdentity;
import io.portcullis.runtime.explain.ExplanationJson;
import io.portcullis.runtime.explain.RequestExplainer;
import io.portcullis.runtime.plan.Plan;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A sampled difference, built on the sampler thread: the two decisions and the explanation of each side, made
 * by the same code as {@code portcullis explain} ({@link RequestExplainer}) for a request and {@code check}
 * ({@link Explainer}) for a connection, on the plan that decided it. The path is kept without its query (it can
 * carry secrets); headers are used to explain and never written.
 */
final class ShadowSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShadowSamples() {}

    static ObjectNode request(Difference d, Plan live, Plan candidate, Source source, String method, String target,
                              HttpHeaders headers, ClientIdentity identity, Instant at, Decision liveDecision,
                              Decision shadowDecision) {
        String from = spec(source.address().getHostAddress(), source.vpc());
        int query = target.indexOf('?');
        ObjectNode o = head(d, at, from, liveDecision, shadowDecision);
        o.put("workload", source.workload()).put("method", method).put("path", query < 0 ? target : target.substring(0, query));
        ObjectNode explanations = o.putObject("explanations");
        explanations.set("live", explain(() -> ExplanationJson.request(new RequestExplainer(live).explain(from,
                source.vpcEndpoint(), d.api(), method, target, headers, identity, at))));
        explanations.set("shadow", explain(() -> ExplanationJson.request(new RequestExplainer(candidate).explain(from,
                source.vpcEndpoint(), d.api(), method, target, headers, identity, at))));
        return o;
    }

    static ObjectNode connection(Difference d, Plan live, Plan candidate, InetAddress address, String vpcEndpoint,
                                 Source source, Instant at, Decision liveDecision, Decision shadowDecision) {
        String from = spec(address.getHostAddress(), source.vpc());
        ObjectNode o = head(d, at, from, liveDecision, shadowDecision);
        o.put("workload", source.workload()).put("vpcEndpoint", vpcEndpoint);
        ObjectNode explanations = o.putObject("explanations");
        explanations.set("live", explain(() -> ExplanationJson.network(new Explainer(live.engine().snapshot())
                .check(SourceSpec.parse(from), d.api(), 6, null, at))));
        explanations.set("shadow", explain(() -> ExplanationJson.network(new Explainer(candidate.engine().snapshot())
                .check(SourceSpec.parse(from), d.api(), 6, null, at))));
        return o;
    }

    /** {@code ADDRESS@VPC}, or the address alone for a caller outside every VPC (a partner). */
    private static String spec(String address, String vpc) {
        return vpc.isEmpty() ? address : address + "@" + vpc;
    }

    private static ObjectNode head(Difference d, Instant at, String from, Decision live, Decision shadow) {
        ObjectNode o = JSON.createObjectNode().put("time", at.toString()).put("kind", d.kind()).put("api", d.api())
                .put("source", from);
        decision(o.putObject("live"), live);
        decision(o.putObject("shadow"), shadow);
        return o;
    }

    private static void decision(ObjectNode o, Decision d) {
        o.put("decision", d.verdict().name()).put("layer", d.layer().name().toLowerCase(Locale.ROOT))
                .put("reason", d.reason().code()).put("decidedBy", d.decidedBy()).put("detail", d.detail());
    }

    /** An explanation, or what stopped it (the sample is kept either way). */
    private static ObjectNode explain(Supplier<ObjectNode> explanation) {
        try {
            return explanation.get();
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("error", String.valueOf(e.getMessage()));
        }
    }
}
