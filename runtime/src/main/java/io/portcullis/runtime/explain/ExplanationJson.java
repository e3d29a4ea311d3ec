package io.portcullis.runtime.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.Protocol;
import io.portcullis.engine.Explanation;
import java.util.Locale;

/**
 * The one JSON form of an explanation: what {@code check --format json} and {@code explain --format json} print
 * and what a node's shadow samples carry ({@code GET /shadow}), so a difference found on live traffic reads like
 * an explanation asked for by hand.
 */
public final class ExplanationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplanationJson() {}

    /** The network layer's explanation: decision, the admitting path or the near misses. */
    public static ObjectNode network(Explanation e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("decision", e.decision().verdict().name());
        o.put("layer", e.decision().layer().name().toLowerCase(Locale.ROOT));
        o.put("reason", e.decision().reason().code());
        o.put("rule", e.decision().decidedBy());
        o.put("detail", e.decision().detail());
        o.put("source", e.source());
        o.put("api", e.api());
        o.put("protocol", new Protocol(e.protocol()).toString());
        o.put("port", e.port());
        ArrayNode path = o.putArray("path");
        e.path().forEach(path::add);
        ArrayNode misses = o.putArray("nearMisses");
        for (Explanation.NearMiss n : e.nearMisses()) {
            misses.addObject().put("rule", n.rule()).put("kind", n.kind().code()).put("detail", n.detail());
        }
        return o;
    }

    /** A request's explanation: the final decision, each layer's step, the network explanation, the limits. */
    public static ObjectNode request(RequestExplanation e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("decision", e.decision().allowed() ? "ALLOW" : "DENY");
        root.put("layer", e.decision().layer().name());
        root.put("reason", e.decision().reason().code());
        root.put("decidedBy", e.decision().decidedBy());
        root.put("detail", e.decision().detail());
        root.put("principal", e.principal());
        root.put("status", e.status());
        ArrayNode steps = root.putArray("steps");
        for (RequestExplanation.Step s : e.steps()) {
            steps.addObject().put("layer", s.layer().name()).put("step", s.what())
                    .put("decision", s.decision().allowed() ? "ALLOW" : "DENY").put("reason", s.decision().reason().code())
                    .put("decidedBy", s.decision().decidedBy()).put("detail", s.decision().detail());
        }
        root.set("network", network(e.network()));
        ArrayNode limits = root.putArray("limits");
        e.limits().forEach(limits::add);
        return root;
    }
}
