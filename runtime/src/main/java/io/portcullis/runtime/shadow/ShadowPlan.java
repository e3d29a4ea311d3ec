package io.portcullis.runtime.shadow;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.engine.Snapshot;
import io.portcullis.gateway.http.RequestChain;
import io.portcullis.gateway.http.RequestHead;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.tls.ClientIdentity;
import io.portcullis.runtime.plan.Plan;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A candidate plan made ready to decide in shadow: its engine's snapshot for the network decision and one
 * {@link RequestChain} per API for the per-request checks, the same two pieces {@code explain} runs, so the
 * shadow is the candidate's gateway decision and not a retelling of it.
 *
 * <p>Design: immutable after {@link #of}; the chains are built here (off the request path) and shared by every
 * event loop. Deciding a request costs what the candidate's checks cost: a snapshot admission (the source
 * resolved under the candidate's groups), then the chain (target, route, method, credentials, the candidate's
 * authorizer, body size, rate limits on full buckets). Nothing of the live node is read or written.
 */
public final class ShadowPlan {

    private final Plan plan;
    private final Snapshot snapshot;
    private final Map<String, RequestChain> chains;

    private ShadowPlan(Plan plan, Map<String, RequestChain> chains) {
        this.plan = plan;
        this.snapshot = plan.engine().snapshot();
        this.chains = Map.copyOf(chains);
    }

    /**
     * @throws IllegalArgumentException when an API of the candidate cannot be compiled for the gateway (an
     *         upstream that does not resolve), with the API named
     */
    public static ShadowPlan of(Plan plan) {
        requireNonNull(plan, "plan");
        Map<String, RequestChain> chains = new HashMap<>();
        for (int i = 0; i < plan.gateway().apis().size(); i++) {
            ApiSettings api = plan.gateway().apis().get(i);
            try {
                chains.put(api.name(), new RequestChain(api));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("apis[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new ShadowPlan(plan, chains);
    }

    public Plan plan() {
        return plan;
    }

    /** The candidate's network decision for a connection. */
    Admission admit(String api, InetAddress address, String vpcEndpoint, Instant at) {
        return snapshot.admit(api, address, vpcEndpoint, at.toEpochMilli());
    }

    /**
     * The candidate's decision for a request on a connection from {@code live}'s address and endpoint: its network
     * decision (a connection it would not admit carries no request), then its request chain on the source as it
     * resolves it.
     */
    Decision decide(String api, RequestHead request, Source live, ClientIdentity identity, boolean tls, Instant at) {
        Admission admission = admit(api, live.address(), live.vpcEndpoint(), at);
        if (!admission.admitted()) {
            return admission.decision();
        }
        RequestChain chain = chains.get(api); // present: the snapshot admits only the candidate's APIs
        return chain.decision(request, admission.source(), identity, tls, at);
    }
}
