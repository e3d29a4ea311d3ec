package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.guard.Readmission;
import io.portcullis.gateway.observe.ConnectionTrace;
import io.portcullis.gateway.observe.DecisionShadow;
import io.portcullis.gateway.observe.RequestEvent.Outcome;
import io.portcullis.gateway.probe.ProbeMarks;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last stage of an API's HTTP pipeline: admits each request and forwards it through an {@link Exchange}.
 * One instance per HTTP/1.1 connection or per HTTP/2 stream.
 *
 * <p>Admission, in order: the connection is re-admitted under the plan in force
 * ({@link io.portcullis.gateway.guard.Readmission}; else 403 and the connection closes), the listener admits (else
 * 503), the target is normalized ({@link RequestTargets}), route and method, repeated credentials, the API's
 * {@link io.portcullis.gateway.auth.RequestAuthorizer} (401/403), declared body size, rate limits, requests in
 * flight of the source and upstream connections of the API ({@link RequestAdmission}). Every request gets an id
 * ({@code X-Request-Id} upstream and on the response, replacing any the client sent) and a {@link RequestRecord}
 * that reports it once when it ends; a refused request's record is reported before its answer is written.
 *
 * <p>Design: requests are handled one at a time per channel; a pipelined HTTP/1.1 request that arrives while one
 * is in flight is queued (auto-read is off then, so the queue holds at most one read's worth) and replayed when
 * the response completes; so is a protocol violation found after it, which is answered in its turn. The settings
 * snapshot is taken once per request from the supplier, so a reload applies
 * to the next request and never to one in flight. Refusals answer with the fixed bodies of
 * {@link ErrorResponses}; the reason goes to the log, the counters and the request event only. A refused request
 * with a body closes the connection, so the unread body cannot be mistaken for the next request.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private final Supplier<ApiRuntime> runtime;
    private final ProxyServices services;
    private final ConnectionContext connection;
    private final ConnectionTrace trace;
    private final RequestAdmission admission;
    private final boolean http2;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext context;
    private Exchange current;
    private boolean closing;
    private ForwardingHeaders.Values forwarded;
    private ExchangeTimers timers;

    public ProxyHandler(Supplier<ApiRuntime> runtime, ProxyServices services, ConnectionContext connection,
                        ConnectionTrace trace, boolean http2) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.services = requireNonNull(services, "services");
        this.connection = requireNonNull(connection, "connection");
        this.trace = requireNonNull(trace, "trace");
        this.admission = new RequestAdmission(services.rateLimiter(), services.listener());
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!closing && current != null && (current.requestDone() || !pending.isEmpty())) {
            pending.add(msg);
            ctx.channel().config().setAutoRead(false);
        } else {
            dispatch(ctx, msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof ProtocolViolation violation) {
            protocolViolation(ctx, violation);
        } else if (current != null && msg instanceof HttpContent part) {
            current.onClientContent(part);
        } else if (msg instanceof Http1Request request) {
            startRequest(ctx, request, null);
        } else if (msg instanceof HttpRequest request) {
            startHttp2Request(ctx, request);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A head decoded by Netty's HTTP/2 stream codec (with its body when the stream ended with the head). */
    private void startHttp2Request(ChannelHandlerContext ctx, HttpRequest request) {
        HttpContent body = request instanceof HttpContent full ? full : null;
        String failure = request.decoderResult().isFailure() ? "decoder: " + request.decoderResult().cause()
                : Http2Request.fitForHttp1(request);
        Http2Request parsed = null;
        if (failure == null) {
            try {
                parsed = new Http2Request(request);
                if (body != null && parsed.contentLength() >= 0
                        && parsed.contentLength() != body.content().readableBytes()) {
                    // A stream that ended with its headers (or its first DATA frame) must declare that length
                    // (RFC 9113 section 8.1.1); the codec checks only streams whose DATA frames follow.
                    failure = "content-length " + parsed.contentLength() + " but the stream carried "
                            + body.content().readableBytes() + " bytes";
                }
            } catch (NumberFormatException e) {
                failure = "Content-Length is not a number";
            }
        }
        if (failure != null) {
            ReferenceCountUtil.release(request);
            RequestRecord record = new RequestRecord(services, connection, runtime.get(), request.method().name(),
                    RequestTargets.originForm(request.uri()), "HTTP/2");
            refuse(ctx, record, HttpResponseStatus.BAD_REQUEST, Decision.deny(HttpReasons.BAD_REQUEST, "http", failure),
                    List.of(), true);
            return;
        }
        startRequest(ctx, parsed, body);
    }

    /**
     * Admits a request and starts its exchange, or refuses it. {@code body}: the whole body, when it came with
     * the head (an HTTP/2 stream ended by its headers or first data); released here.
     */
    private void startRequest(ChannelHandlerContext ctx, ClientRequest request, HttpContent body) {
        ApiRuntime api = runtime.get();
        String target = RequestTargets.normalize(request.uri()); // null: refused by admission
        RequestRecord record = new RequestRecord(services, connection, api, request.method().name(),
                target != null ? target : RequestTargets.originForm(request.uri()), request.protocol());
        if (trace.sourcePenalized()) {
            if (body != null) {
                body.release();
            }
            revoke(ctx, record, Decision.deny(GuardReasons.SOURCE_PENALIZED, "penalties",
                    "the source sits out a penalty for repeated refusals or floods"));
            return;
        }
        Admission admitted = readmit(api);
        if (!admitted.admitted()) {
            if (body != null) {
                body.release();
            }
            revoke(ctx, record, admitted.decision());
            return;
        }
        boolean hasBody = request.hasBody();
        boolean keepAlive = request.keepAlive();
        if (target != null && target.startsWith(ProbeMarks.PATH) && !markProbe(api, record, request, target)) {
            if (body != null) {
                body.release();
            }
            refuse(ctx, record, HttpResponseStatus.NOT_FOUND, Decision.deny(HttpReasons.PROBE_UNVERIFIED, "probe",
                    "the reserved probe path without a valid probe token"), List.of(), !http2 && (hasBody || !keepAlive));
            return;
        }
        Source source = admitted.source();
        RequestAdmission.Refusal refusal = admission.admit(api, record, request, target, source,
                connection.clientIdentity(), connection.requests());
        if (!record.probe) { // a probe is the node testing itself, not traffic for the candidate to judge
            shadow(api, request, source, record, refusal == null ? record.decision : refusal.decision());
        }
        if (refusal != null) {
            if (body != null) {
                body.release();
            }
            boolean close = !http2 && (hasBody || !keepAlive || refusal.status() == HttpResponseStatus.BAD_REQUEST);
            refuse(ctx, record, refusal.status(), refusal.decision(), refusal.headers(), close);
            return;
        }
        if (record.probe) {
            if (body != null) {
                body.release();
            }
            answerProbe(ctx, record, !http2 && (hasBody || !keepAlive));
            return;
        }
        if (request.expectsContinue()) {
            // Admitted (size and rate checked), so the client may send its body now.
            ctx.writeAndFlush(Http1Wire.response(ctx.alloc(),
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE)));
        }
        forward(ctx, api, record, request, source, keepAlive, body);
    }

    /** The shadow, if any, decides the request again; after the live decision, never affecting it. */
    private void shadow(ApiRuntime api, ClientRequest request, Source source, RequestRecord record, Decision live) {
        DecisionShadow shadow = services.shadow();
        if (shadow.active()) {
            try {
                shadow.request(api.name(), new RequestHead(request), source, connection.clientIdentity(),
                        connection.tls(), record.time, live);
            } catch (RuntimeException e) { // the shadow counts its own failures; the live decision stands
            }
        }
    }

    /**
     * Whether a request for the reserved path (or below it) is a probe: exactly the path, and a token the node's
     * {@link ProbeMarks} verifies for this API and the source the connection plays. Runs for the reserved path only.
     */
    private boolean markProbe(ApiRuntime api, RequestRecord record, ClientRequest request, String target) {
        String token = RequestTargets.path(target).equals(ProbeMarks.PATH)
                ? request.headers().get(ProbeMarks.HEADER) : null;
        record.probe = token != null && services.probes().verify(api.name(),
                connection.sourceAddress().getAddress(), token);
        return record.probe;
    }

    /**
     * A probe every layer admitted: answered here with 204 and the deciding allow in its event; nothing goes
     * upstream. The response is the same for every API, so a probe learns only that it was admitted.
     */
    private void answerProbe(ChannelHandlerContext ctx, RequestRecord record, boolean close) {
        record.decision = Decision.allow(HttpReasons.PROBE_ANSWERED, record.decision.decidedBy(),
                record.decision.detail());
        record.status = HttpResponseStatus.NO_CONTENT.code();
        closing |= close;
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        if (close) {
            answer.headers().set(HttpHeaderNames.CONNECTION, io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
        }
        FullHttpResponse response = prepared(answer, record);
        record.finish(Outcome.COMPLETED);
        send(ctx, response, close, false);
    }

    private void forward(ChannelHandlerContext ctx, ApiRuntime api, RequestRecord record, ClientRequest request,
                         Source source, boolean keepAlive, HttpContent body) {
        int routeIndex = record.routeIndex;
        ApiRuntime.Upstream upstream = api.upstream(routeIndex);
        if (forwarded == null) {
            // the source is fixed per connection
            forwarded = ForwardingHeaders.Values.of(source.address(), connection.tls());
        }
        UpstreamHeadValues values = new UpstreamHeadValues(forwarded, record.id, upstream.hostHeader(),
                api.strippedRequestHeaders(), api.addedRequestHeaders(record, source));
        long maxBody = api.maxBodyBytes(routeIndex);
        ResponseFraming.ClientProtocol protocol = http2 ? ResponseFraming.ClientProtocol.HTTP_2
                : request instanceof Http1Request h1 && h1.http10() ? ResponseFraming.ClientProtocol.HTTP_1_0
                : ResponseFraming.ClientProtocol.HTTP_1_1;
        current = new Exchange(this, ctx, services, api, upstream, request,
                RequestTargets.upstreamTarget(upstream.basePath(), record.path), values, keepAlive, protocol,
                maxBody, record, connection.requests());
        current.start();
        if (body != null) {
            HttpContent last = body.content().isReadable()
                    ? new DefaultLastHttpContent(body.content().retainedDuplicate()) : LastHttpContent.EMPTY_LAST_CONTENT;
            body.release();
            current.onClientContent(last);
        }
    }

    /**
     * The connection's admission under the plan in force: the blocklist on every request; the connection guard
     * again when the plan changed since it last decided, or a second passed (schedules, expiries).
     */
    private Admission readmit(ApiRuntime api) {
        Admission current = connection.admission();
        long epoch = services.planEpoch().current();
        long now = services.ticker().read();
        if (connection.admissionCurrent(epoch, now)) {
            Admission blocked = Readmission.blocked(services.blocklist(), current, connection.peer(),
                    connection.sourceAddress());
            return blocked != null ? blocked : current;
        }
        Admission admitted = Readmission.readmit(services.guard(), services.blocklist(), api.name(), current,
                connection.peer(), connection.sourceAddress(), connection.vpcEndpoint(), services.clock().millis());
        connection.readmitted(admitted, epoch, now);
        return admitted;
    }

    private void refuse(ChannelHandlerContext ctx, RequestRecord record, HttpResponseStatus status, Decision decision,
                        List<Map.Entry<String, String>> headers, boolean close) {
        ctx.channel().config().setAutoRead(true);
        services.rejections().record(decision, ctx.channel().remoteAddress());
        record.refused(decision, status.code());
        boolean authFailure = record.authorization != null && !record.authorization.allowed();
        // An authorizer's denial closes an HTTP/1.1 connection: every 401 and 403 looks the same, and the caller
        // must come back through the network guard (and any auto-block) to try again.
        close |= authFailure;
        boolean closeConnection = !trace.mayBeRefusedAgain();
        if (closeConnection) {
            // A client that keeps sending what is refused (a stream flood past its in-flight share, say) costs as
            // much as one that is served: past its source's refusal budget, the connection goes, and the source
            // sits out a penalty (its new connections are refused at accept). The request keeps its own reason;
            // the connection ends refused with this one (one cause each).
            trace.refused(Decision.deny(HttpReasons.TOO_MANY_REFUSALS, "penalties",
                    "the source's refusal budget is spent"));
            close = true;
        }
        FullHttpResponse response = ErrorResponses.of(status, close && !http2);
        headers.forEach(h -> response.headers().set(h.getKey(), h.getValue()));
        closing |= close && !http2;
        long wait = authFailure ? record.startNanos + runtime.get().settings().authorizer().failureFloor().toNanos()
                - services.ticker().read() : 0;
        // The record is finished before the answer is written: its listeners (the audit log, an auto-block that this
        // failure completes) act before the client can learn of the refusal and try again.
        final boolean closeAfter = close;
        Runnable answer = () -> {
            FullHttpResponse ready = prepared(response, record);
            record.finish(Outcome.REFUSED);
            send(ctx, ready, closeAfter, closeConnection);
        };
        if (wait <= 0) {
            answer.run();
            return;
        }
        // Answered early, a denial would tell its cause by its timing: hold it until the floor, on the event loop's
        // timer. Nothing more is read meanwhile (HTTP/1.1 is closing; an HTTP/2 stream ends with this response).
        ctx.executor().schedule(answer, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * The request in flight is cut while its body streams (it passed the body limit, or stopped arriving): the
     * fixed {@code status} when no response started yet, and the connection (or stream) is closed.
     */
    void cut(Exchange exchange, HttpResponseStatus status, Decision decision) {
        services.rejections().record(decision, context.channel().remoteAddress());
        trace.mayBeRefusedAgain(); // charged to the source; the connection closes anyway
        RequestRecord record = exchange.record();
        record.decision = decision;
        closing = true;
        boolean started = exchange.responseStarted();
        exchange.finish(false);
        ChannelHandlerContext ctx = exchange == current ? context : null;
        current = null;
        if (ctx != null && started) {
            ctx.close();
        } else if (ctx != null) {
            record.status = status.code();
            writeError(ctx, ErrorResponses.of(status, !http2), true, record);
        }
        record.finish(Outcome.REFUSED);
    }

    /** The client did not read its response in time ({@link Exchange#sendTimedOut}): counted, logged, closed. */
    void sendTimedOut(Exchange exchange, Decision decision) {
        services.rejections().record(decision, context.channel().remoteAddress());
        exchange.record().decision = decision; // the request's event and decision counter name the same cause
        exchange.record().finish(Outcome.CLIENT_ABORTED);
        if (exchange == current) {
            current = null;
            closing = true;
            if (!http2) {
                // Reset rather than close: the kernel would otherwise keep delivering up to megabytes the client
                // does not read, for as long as it cares to hold the connection.
                context.channel().config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
            }
            context.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        timers = new ExchangeTimers(ctx.channel(), services.ticker());
    }

    /** The timers of the exchange in flight. */
    ExchangeTimers timers() {
        return timers;
    }

    /** An upstream failure before any response: the fixed error (the exchange has set the record's status). */
    void respondError(ChannelHandlerContext ctx, HttpResponseStatus status, boolean close, RequestRecord record) {
        if (close) {
            closing = true;
            current = null;
        }
        writeError(ctx, ErrorResponses.of(status, close && !http2), close, record);
    }

    private void writeError(ChannelHandlerContext ctx, FullHttpResponse response, boolean close, RequestRecord record) {
        send(ctx, prepared(response, record), close, false);
    }

    /** A fixed response made ready for the request: its id, no body for HEAD, its bytes counted in the record. */
    private FullHttpResponse prepared(FullHttpResponse response, RequestRecord record) {
        response.headers().set(ForwardingHeaders.REQUEST_ID, record.id);
        if ("HEAD".equals(record.method)) {
            // A response to HEAD has no body (its Content-Length still says what a GET would get): a body here
            // would be read as the start of the next response on a kept-alive connection.
            response.content().skipBytes(response.content().readableBytes());
        }
        if (http2) {
            response.headers().remove(HttpHeaderNames.CONNECTION);
        }
        record.responseBytes += response.content().readableBytes();
        return response;
    }

    /**
     * Writes a prepared response; {@code close} closes the HTTP/1.1 connection or ends the HTTP/2 stream after it,
     * {@code closeConnection} the HTTP/2 connection too.
     */
    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean close, boolean closeConnection) {
        Object message = http2 ? response : Http1Wire.response(ctx.alloc(), response);
        if (http2 && closeConnection) {
            ctx.writeAndFlush(message).addListener(f -> ctx.channel().parent().close());
        } else if (close) {
            ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(message);
        }
    }

    /**
     * The connection lost its admission since it was accepted ({@link Readmission}): this request is refused
     * with 403 and the connection closed, so the client must come back through the network guard.
     */
    private void revoke(ChannelHandlerContext ctx, RequestRecord record, Decision decision) {
        services.rejections().record(decision, ctx.channel().remoteAddress());
        record.refused(decision, HttpResponseStatus.FORBIDDEN.code());
        closing = true;
        FullHttpResponse response = prepared(ErrorResponses.of(HttpResponseStatus.FORBIDDEN, !http2), record);
        record.finish(Outcome.REFUSED);
        send(ctx, response, true, true);
    }

    /** The exchange completed and the connection stays open: replay queued requests, then read again. */
    void exchangeDone(Exchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        ChannelHandlerContext ctx = context;
        // Replay the next queued request and as much of its body as was queued.
        while (!pending.isEmpty() && !closing && (current == null || !current.requestDone())) {
            dispatch(ctx, pending.poll());
        }
        if (current != null && !current.requestDone()) {
            current.onClientReadComplete();
            ctx.channel().config().setAutoRead(true); // the rest of its body is still to be read
        }
        if (current == null && !closing && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ProtocolViolation violation) {
            if (!closing && current != null && (current.requestDone() || !pending.isEmpty())) {
                // The violation is in a later request than the one in flight, which was read whole: that one
                // (and any queued before the violation) is answered first, as if the violation were a request.
                pending.add(violation);
                ctx.channel().config().setAutoRead(false);
            } else {
                protocolViolation(ctx, violation);
            }
        } else if (event instanceof IdleStateEvent) {
            if (current == null) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /**
     * The strict framing stage refused input: the request in flight (if any) is cut, else the refused head is
     * reported as a request of its own, with no method or path.
     */
    private void protocolViolation(ChannelHandlerContext ctx, ProtocolViolation violation) {
        Decision decision = Decision.deny(violation.reason(), "strict-http", violation.detail());
        if (violation.reason().equals(HttpReasons.CHUNK_FLOOD)) {
            trace.strike();
        } else {
            trace.mayBeRefusedAgain(); // charged to the source; the connection closes anyway
        }
        if (closing && current == null) {
            // An earlier refusal is closing the connection (its answer may still be held to the floor): these bytes
            // are never answered, and the refusal that closes the connection is the one counted.
            return;
        }
        services.rejections().record(decision, ctx.channel().remoteAddress());
        RequestRecord record = current != null ? current.record()
                : new RequestRecord(services, connection, runtime.get(), "", "", "HTTP/1.1");
        boolean started = current != null && current.responseStarted();
        if (current != null) {
            current.finish(false);
        }
        current = null;
        closing = true;
        if (started) {
            record.decision = decision;
            ctx.close();
        } else {
            record.refused(decision, violation.status().code());
            writeError(ctx, ErrorResponses.of(violation.status(), true), true, record);
        }
        record.finish(Outcome.REFUSED);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timers.close();
        abandon();
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        abandon();
        ctx.close();
    }

    /** The client went away (or its connection failed) with a request in flight. */
    private void abandon() {
        if (current != null) {
            current.finish(false);
            current.record().finish(Outcome.CLIENT_ABORTED);
            current = null;
        }
    }
}
