package io.portcullis.runtime.shadow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.http.RequestHead;
import io.portcullis.gateway.observe.DecisionShadow;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.tls.ClientIdentity;
import io.portcullis.runtime.plan.Plan;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A node's shadow: the candidate plan in force beside the live one. Told of every connection and every request
 * (as the gateway's {@link DecisionShadow}) right after the live plan decided it, it decides again with the
 * candidate ({@link ShadowPlan}) and counts where they differ ({@link ShadowDifferences}). Nothing it decides is
 * enforced, and anything it throws is caught here and counted: the live decision stands.
 *
 * <p>What is compared: the network decision of every connection the live plan's security groups decided at
 * accept (admitted or refused), and of every request again (a connection the candidate would refuse carries no request);
 * then each request's route and method, repeated credentials, identity (token, claims bound to the source, the
 * certificate identity the live TLS stage verified), resource policy and authorizer combination, and declared
 * body size. What is not: rate limits and in-flight bounds (the candidate's are probed on full buckets, as
 * {@code explain} does, so a live 429 or 503 for traffic is counted as skipped, not as a difference), blocklists,
 * auto-blocks and connection limits (node state, not plan), and TLS (the live listener's certificates and client
 * CA terminate the connection; a candidate's TLS changes are not seen).
 *
 * <p>Concurrency: the candidate is one volatile reference swapped whole ({@link #use}, {@link #refuse}) on the
 * reload thread; each decision reads it once.
 */
public final class Shadow implements DecisionShadow, AutoCloseable {

    /** Live refusals decided by live state the candidate does not share: counted as skipped, never compared. */
    private static final Set<Reason> LIVE_STATE = Set.of(HttpReasons.RATE_LIMITED, HttpReasons.TOO_MANY_IN_FLIGHT,
            HttpReasons.UPSTREAM_SATURATED, GatewayListener.EVIDENCE_UNAVAILABLE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the report says of the candidate: shadowing one since a time, refused, or none. */
    private record State(String state, String digest, Instant since, int problems) {}

    private final Supplier<Plan> live;
    private final Clock clock;
    private final List<String> paths;
    private final ShadowDifferences differences;
    private volatile ShadowPlan candidate;
    private volatile State state;

    /**
     * @param live the plan in force (read when a difference is sampled, to explain the live side)
     * @param paths the candidate's configuration, as given (for the report)
     */
    public Shadow(Supplier<Plan> live, List<String> paths, MeterRegistry registry, Clock clock) {
        this.live = requireNonNull(live, "live");
        this.paths = List.copyOf(paths);
        this.clock = requireNonNull(clock, "clock");
        this.differences = new ShadowDifferences(requireNonNull(registry, "registry"));
        this.state = new State("none", "", clock.instant(), 0);
        Gauge.builder("portcullis.shadow.active", this, s -> s.candidate == null ? 0 : 1)
                .description("1 while a candidate plan decides in shadow").register(registry);
    }

    /** {@code next} decides from now on; the report starts over when it is another plan than the one in shadow. */
    public void use(ShadowPlan next) {
        ShadowPlan was = candidate;
        if (was == null || !was.plan().digest().equals(next.plan().digest())) {
            differences.restart();
            state = new State("shadowing", next.plan().digest().toString(), clock.instant(), 0);
        }
        candidate = next;
    }

    /** The candidate could not be compiled: nothing is shadowed until one can; the live plan is untouched. */
    public void refuse(List<String> problems) {
        candidate = null;
        differences.restart();
        state = new State("refused", "", clock.instant(), problems.size());
    }

    /** The candidate deciding now, or null. */
    public ShadowPlan candidate() {
        return candidate;
    }

    @Override
    public boolean active() {
        return candidate != null;
    }

    @Override
    public void request(String api, RequestHead request, Source source, ClientIdentity identity, boolean tls,
                        Instant time, Decision live) {
        ShadowPlan c = candidate;
        if (c == null) {
            return;
        }
        if (LIVE_STATE.contains(live.reason())) {
            differences.skipped(Difference.REQUEST, live.reason());
            return;
        }
        try {
            Decision shadow = c.decide(api, request, source, identity, tls, time);
            differences.compared(Difference.REQUEST);
            Difference d = Difference.of(Difference.REQUEST, api, live, shadow);
            if (d != null) {
                // the request moves on: the sampler explains from a copy of what it needs
                String method = request.method();
                String target = request.target();
                HttpHeaders copy = request.headers().copy();
                Plan livePlan = this.live.get();
                differences.differ(d, time.toEpochMilli(), () -> ShadowSamples.request(d, livePlan, c.plan(), source,
                        method, target, copy, identity, time, live, shadow));
            }
        } catch (RuntimeException e) {
            differences.failed(Difference.REQUEST);
        }
    }

    @Override
    public void connection(String api, InetAddress address, String vpcEndpoint, long nowMillis, Admission live) {
        ShadowPlan c = candidate;
        if (c == null) {
            return;
        }
        try {
            Instant at = Instant.ofEpochMilli(nowMillis);
            Admission shadow = c.admit(api, address, vpcEndpoint, at);
            differences.compared(Difference.CONNECTION);
            Difference d = Difference.of(Difference.CONNECTION, api, live.decision(), shadow.decision());
            if (d != null) {
                Plan livePlan = this.live.get();
                differences.differ(d, nowMillis, () -> ShadowSamples.connection(d, livePlan, c.plan(), address,
                        vpcEndpoint, live.source(), at, live.decision(), shadow.decision()));
            }
        } catch (RuntimeException e) {
            differences.failed(Difference.CONNECTION);
        }
    }

    /** {@code GET /shadow}: the candidate's state, what was compared, the differences and the latest samples. */
    public String report() {
        State s = state;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode cand = root.putObject("candidate").put("state", s.state());
        ArrayNode p = cand.putArray("paths");
        paths.forEach(p::add);
        if (!s.digest().isEmpty()) {
            cand.put("digest", s.digest());
        }
        cand.put("since", s.since().toString());
        if (s.state().equals("refused")) {
            cand.put("problems", s.problems()); // the text is in the node's log: it can quote configuration values
        }
        Plan l = live.get();
        root.put("live", l == null ? "" : l.digest().toString());
        root.setAll(differences.report());
        return root + "\n";
    }

    @Override
    public void close() {
        candidate = null;
        differences.close();
    }
}
