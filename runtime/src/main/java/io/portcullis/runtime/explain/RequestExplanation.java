package io.portcullis.runtime.explain;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.engine.Explanation;
import java.util.List;

/**
 * The decision for one request and how each layer voted, in the order the gateway asks them. {@code steps}
 * stops at the first layer that denied; {@code limits} lists the traffic limits that would apply (their live
 * state belongs to a running node and is not consulted).
 *
 * @param decision the final decision: the first denial, or the last allow
 * @param network the network layer's explanation (path or near misses)
 * @param steps each layer asked and its decision
 * @param principal the principal established, or {@code ""}
 * @param limits the limits that would apply to an admitted request
 * @param status what the client gets: the refusal's status, 200 when the request is forwarded (the upstream
 *        answers it), or 0 when the connection is closed before any HTTP is read (a network denial)
 */
public record RequestExplanation(Decision decision, Explanation network, List<Step> steps, String principal,
                                 List<String> limits, int status) {

    /** One layer's answer. */
    public record Step(Layer layer, String what, Decision decision) {}

    public RequestExplanation {
        steps = List.copyOf(steps);
        limits = List.copyOf(limits);
    }
}
