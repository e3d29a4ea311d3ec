package io.portcullis.gateway.http;

import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.limit.RateLimitHeaders;
import io.portcullis.gateway.limit.RateLimitProbe;
import io.portcullis.gateway.metrics.ApiMeters;
import io.portcullis.gateway.metrics.RouteMeters;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.observe.UpstreamError;
import io.portcullis.settings.RateLimitSettings;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.gateway.wire.HeadWriter;
import java.time.Instant;

/**
 * One request from its head to its {@link RequestEvent}: the facts fixed when the head arrived (id, time,
 * method, path, snapshot), and what the stages learn as it goes (route, authorization, the deciding decision,
 * status, body bytes, upstream failure). {@link #finish} reports it once: the route's meters, the decision
 * counter, the upstream-error counter, then the application's listener.
 *
 * <p>Design: one mutable object per request, confined to the connection's event loop; the proxy stage and the
 * exchange write its fields directly. The event is built only in {@link #finish}, and only when a listener is
 * set, so a request costs this object, its id and time, and the event if anyone listens.
 */
final class RequestRecord {

    private final ProxyServices services;
    private final ConnectionContext connection;
    final ApiRuntime api;
    final String id;
    final Instant time;
    final long startNanos;
    final String method;
    final String path;
    final String protocol;
    final boolean tls;
    int routeIndex = -1;
    /** An assurance probe whose mark verified ({@link io.portcullis.gateway.probe.ProbeMarks}). */
    boolean probe;
    Authorization authorization;
    Decision decision;
    int status;
    long requestBytes;
    long responseBytes;
    UpstreamError upstreamError;
    private RateLimitSettings rateLimit;
    private RateLimitProbe rateLimitProbe;
    private boolean reported;

    RequestRecord(ProxyServices services, ConnectionContext connection, ApiRuntime api, String method, String path,
                  String protocol) {
        this.services = services;
        this.connection = connection;
        this.api = api;
        this.id = services.requestIds().next();
        this.time = services.clock().instant();
        this.startNanos = services.ticker().read();
        this.method = method;
        this.path = path;
        this.protocol = protocol;
        this.tls = connection.tls();
    }

    /** A request described to {@link RequestChain}: decided, never finished or reported (no connection behind it). */
    RequestRecord(ApiRuntime api, String id, Instant time, String method, String path, String protocol, boolean tls) {
        this.services = null;
        this.connection = null;
        this.api = api;
        this.id = id;
        this.time = time;
        this.startNanos = 0;
        this.method = method;
        this.path = path;
        this.protocol = protocol;
        this.tls = tls;
    }

    /** The matched route's pattern, or {@code null}. */
    String route() {
        return routeIndex >= 0 ? api.router().route(routeIndex).path() : null;
    }

    /** The gateway refused the request with this decision and status. */
    void refused(Decision refusal, int refusalStatus) {
        this.decision = refusal;
        this.status = refusalStatus;
    }

    /** The rate limit to report on the response (the bucket with the fewest tokens left), or none. */
    void rateLimit(RateLimitSettings limit, RateLimitProbe probe) {
        this.rateLimit = limit;
        this.rateLimitProbe = probe;
    }

    /** Adds the request id and, when a rate limit applied, the {@code RateLimit} headers to a forwarded response. */
    void decorate(HttpHeaders headers) {
        headers.set(ForwardingHeaders.REQUEST_ID, id);
        if (rateLimit != null) {
            headers.set(RateLimitHeaders.POLICY_HEADER, RateLimitHeaders.policy(rateLimit));
            headers.set(RateLimitHeaders.STATE_HEADER, RateLimitHeaders.state(rateLimit, rateLimitProbe));
        }
    }

    /** Whether a rate limit is reported on the response. */
    boolean reportsRateLimit() {
        return rateLimit != null;
    }

    /** Appends the request id and, when a rate limit applied, the {@code RateLimit} header lines to a head. */
    void decorate(HeadWriter head) {
        head.header(ForwardingHeaders.REQUEST_ID, id);
        if (rateLimit != null) {
            head.header(RateLimitHeaders.POLICY_HEADER, RateLimitHeaders.policy(rateLimit))
                    .header(RateLimitHeaders.STATE_HEADER, RateLimitHeaders.state(rateLimit, rateLimitProbe));
        }
    }

    /** Reports the finished request; later calls do nothing. */
    void finish(RequestEvent.Outcome outcome) {
        if (reported) {
            return;
        }
        reported = true;
        long latency = services.ticker().read() - startNanos;
        ApiMeters meters = api.meters();
        RouteMeters routeMeters = meters.route(routeIndex);
        routeMeters.finished(status, latency);
        if (decision.reason().equals(HttpReasons.RATE_LIMITED)) {
            routeMeters.rateLimited();
        }
        meters.requestDecision(decision);
        if (upstreamError != null) {
            meters.upstreamError(upstreamError);
        }
        if (!services.listener().listening()) {
            return;
        }
        Admission admission = connection.admission();
        services.listener().request(new RequestEvent(time, id, connection.id(), api.name(), route(), method, path,
                admission.source(), connection.sourceAddress(), admission.decision(), connection.clientIdentity(),
                authorization, decision, status, requestBytes, responseBytes, latency, outcome, upstreamError,
                protocol, tls, api.settings().plan(), probe));
    }
}
