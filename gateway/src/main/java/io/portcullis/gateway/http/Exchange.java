package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.observe.RequestEvent.Outcome;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.metrics.ApiMeters;
import io.portcullis.gateway.metrics.LogBudget;
import io.portcullis.gateway.observe.UpstreamError;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.upstream.ResponseHead;
import io.portcullis.gateway.upstream.UpstreamHandler;
import io.portcullis.gateway.upstream.UpstreamListener;
import io.portcullis.gateway.wire.HeadWriter;
import io.portcullis.gateway.wire.SmallChunks;
import io.portcullis.gateway.upstream.UpstreamPools;
import io.portcullis.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request forwarded to an upstream and its response streamed back.
 *
 * <p>Design: lives on the client channel's event loop, like the upstream connection it borrows, so its state is
 * plain fields. Both legs speak bytes: the request head is written by the {@link ClientRequest}, body parts
 * are written as they arrive (framed as chunks when the body's length is unknown), and the response head is
 * rewritten for the client from the upstream's bytes ({@link ResponseFraming#http1Head}); only an HTTP/2 client
 * gets Netty's objects. Bodies are never aggregated, and back-pressure switches
 * auto-read off on the reading side while the writing side is not writable (client to upstream and upstream to
 * client). A request with a body opens its upstream connection when the body's first byte arrives (one that
 * never sends it holds no upstream connection); parts that arrive while the connection is being opened are held
 * (auto-read is off then, so at most one read). The response timer runs from the end of the request to the response head (504); a failed
 * connect or an upstream that closes before answering gives 502. A connection goes back to the pool only when
 * both messages completed and the upstream allows keep-alive. The request's {@link RequestRecord} gets the
 * status, body bytes and any upstream failure, and is reported when the response completes or fails.
 */
final class Exchange implements UpstreamListener {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    private final ProxyHandler owner;
    private final ChannelHandlerContext client;
    private final UpstreamPools pools;
    private final Ticker ticker;
    private final ApiRuntime.Upstream upstream;
    private final Timeouts timeouts;
    private final ClientRequest request;
    private final String target;
    private final UpstreamHeadValues headValues;
    private final boolean chunkedRequest;
    private final HttpMethod method;
    private boolean clientKeepAlive;
    private final ResponseFraming.ClientProtocol protocol;
    private final long maxBody;
    private final String apiName;
    private final RequestRecord record;
    private final InFlight sourceRequests;
    private final ApiMeters meters;
    private List<HttpContent> waiting = new ArrayList<>(2);
    /** Small body parts since the last flush, gathered into one write (1-byte HTTP/2 DATA frames, say). */
    private ByteBuf gathered;
    private Channel up;
    private long bodyBytes;
    private boolean requestDone;
    /** A request with a body whose first byte has not come yet: no upstream connection until it does. */
    private boolean awaitingBody;
    private boolean responseStarted;
    private boolean upstreamKeepAlive = true;
    private boolean chunkedResponse;
    private boolean unflushed;
    private boolean finished;

    Exchange(ProxyHandler owner, ChannelHandlerContext client, ProxyServices services, ApiRuntime api,
             ApiRuntime.Upstream upstream, ClientRequest request, String target, UpstreamHeadValues headValues,
             boolean clientKeepAlive,
             ResponseFraming.ClientProtocol protocol, long maxBody, RequestRecord record, InFlight sourceRequests) {
        this.owner = owner;
        this.client = client;
        this.pools = services.pools();
        this.ticker = services.ticker();
        this.upstream = upstream;
        this.timeouts = api.settings().timeouts();
        this.apiName = api.name();
        this.request = request;
        this.target = target;
        this.headValues = headValues;
        this.chunkedRequest = request.chunkedUpstream();
        this.method = request.method();
        this.clientKeepAlive = clientKeepAlive;
        this.protocol = protocol;
        this.maxBody = maxBody;
        this.record = record;
        this.sourceRequests = sourceRequests;
        this.meters = api.meters();
    }

    RequestRecord record() {
        return record;
    }

    boolean requestDone() {
        return requestDone;
    }

    boolean responseStarted() {
        return responseStarted;
    }

    /**
     * Starts the exchange: the upstream connection is opened (or borrowed) now, or, for a request with a body,
     * when its first byte (or its end) arrives. A body that never comes then never reaches the upstream: it is
     * cut at {@code bodyRead} without having held an upstream connection (500 requests that declared a body and
     * sent none held 256 upstream connections, and every wave of them opened 256 more). The request is done when
     * the client's last part arrives.
     */
    void start() {
        if (request.hasBody()) {
            owner.timers().awaitBody(this, timeouts.bodyRead().toNanos());
            awaitingBody = true;
            return;
        }
        connect();
    }

    private void connect() {
        ChannelFuture connect = pools.acquire(client.channel().eventLoop(), upstream.address(), timeouts.connect());
        if (connect.isDone()) {
            // A pooled connection, inside the client's read: its read-complete (or last part) flushes.
            connected(connect, true);
        } else {
            // Hold the body (at most one read) until the connection is open.
            client.channel().config().setAutoRead(false);
            connect.addListener((ChannelFutureListener) f -> connected(f, false));
        }
    }

    private void connected(ChannelFuture future, boolean flushLater) {
        if (finished) {
            if (future.isSuccess()) {
                future.channel().close();
            }
            return;
        }
        if (!future.isSuccess()) {
            fail(HttpResponseStatus.BAD_GATEWAY, UpstreamError.CONNECT_FAILED,
                    "connect to " + upstream.address() + " failed: " + future.cause());
            return;
        }
        up = future.channel();
        UpstreamHandler handler = UpstreamPools.handler(up);
        handler.owner(this);
        handler.expectResponse(HttpMethod.HEAD.equals(method));
        up.write(request.writeUpstreamHead(up.alloc(), target, headValues), up.voidPromise());
        unflushed = true;
        for (HttpContent part : waiting) {
            writeUpstream(part);
        }
        waiting = null;
        if (requestDone) {
            flushUpstream();
            startResponseTimer();
        } else {
            if (!flushLater) {
                flushUpstream();
            }
            if (!up.isWritable()) {
                client.channel().config().setAutoRead(false);
            } else if (!flushLater) {
                client.channel().config().setAutoRead(true);
            }
        }
    }

    /** A body part from the client; returns false when the body limit refused it. */
    void onClientContent(HttpContent part) {
        bodyBytes += part.content().readableBytes();
        record.requestBytes = Math.min(bodyBytes, maxBody);
        if (bodyBytes > maxBody) {
            part.release();
            owner.cut(this, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Decision.deny(HttpReasons.BODY_TOO_LARGE,
                    "limits.maxBodyBytes", "streamed body passed " + maxBody + " bytes"));
            return;
        }
        boolean last = part instanceof LastHttpContent;
        boolean bodyStarts = awaitingBody && (last || part.content().isReadable());
        if (last && !((LastHttpContent) part).trailingHeaders().isEmpty()) {
            // Request trailers are not forwarded: upstreams handle them inconsistently (see docs/gateway.md).
            HttpContent withoutTrailers = new io.netty.handler.codec.http.DefaultLastHttpContent(part.content().retain());
            part.release();
            part = withoutTrailers;
        }
        if (up == null) {
            waiting.add(part);
        } else {
            writeUpstream(part);
            if (!up.isWritable()) {
                client.channel().config().setAutoRead(false);
            }
        }
        if (!last) {
            owner.timers().awaitBody(this, timeouts.bodyRead().toNanos());
        } else {
            // Auto-read stays as it is: a pipelined request that arrives now is queued by the proxy stage,
            // which switches auto-read off then (toggling it per request would cost two epoll_ctl calls).
            owner.timers().bodyDone(this);
            requestDone = true;
            if (up != null) {
                flushUpstream();
                startResponseTimer();
            }
        }
        if (bodyStarts) {
            awaitingBody = false;
            connect(); // writes the head and what is waiting; a request done by now is flushed as well
        }
    }

    void onClientReadComplete() {
        if (up != null) {
            flushUpstream();
        }
    }

    /** Flushes the upstream connection if anything was written to it since the last flush. */
    private void flushUpstream() {
        if (unflushed) {
            unflushed = false;
            writeGathered();
            up.flush();
        }
    }

    void onClientWritabilityChanged(boolean writable) {
        if (writable) {
            owner.timers().clientReading(this);
        }
        if (up != null && !finished) {
            up.config().setAutoRead(writable);
        }
    }

    /**
     * A request body part to the upstream, framed as the request head declared (length or chunked). Parts smaller
     * than {@link SmallChunks#SMALL} are gathered and written as one at the next flush, so a body that arrives in
     * tiny pieces costs a copy per piece rather than a write (three, chunked) per piece.
     */
    private void writeUpstream(HttpContent part) {
        unflushed = true;
        ByteBuf content = part.content();
        int n = content.readableBytes();
        if (n > 0 && n < SmallChunks.SMALL) {
            if (gathered != null && gathered.readableBytes() + n > SmallChunks.MAX_PENDING) {
                writeGathered();
            }
            if (gathered == null) {
                gathered = up.alloc().buffer(4 * SmallChunks.SMALL, SmallChunks.MAX_PENDING);
            }
            gathered.writeBytes(content);
            content.release();
        } else if (n > 0) {
            writeGathered();
            writeBody(content);
        } else {
            content.release();
        }
        if (part instanceof LastHttpContent) {
            writeGathered();
            if (chunkedRequest) {
                up.write(HeadWriter.LAST_CHUNK.duplicate(), up.voidPromise());
            }
        }
    }

    private void writeGathered() {
        if (gathered != null) {
            ByteBuf body = gathered;
            gathered = null;
            writeBody(body);
        }
    }

    private void writeBody(ByteBuf content) {
        if (chunkedRequest) {
            writeChunk(up, up.alloc(), content);
        } else {
            up.write(content, up.voidPromise());
        }
    }

    /** Writes {@code content} as one chunk (an empty one is dropped: it would end the body). */
    private static void writeChunk(ChannelOutboundInvoker out, ByteBufAllocator alloc, ByteBuf content) {
        int size = content.readableBytes();
        if (size == 0) {
            content.release();
            return;
        }
        out.write(HeadWriter.scratch().chunkSize(size).toBuffer(alloc), out.voidPromise());
        out.write(content, out.voidPromise());
        out.write(HeadWriter.CRLF.duplicate(), out.voidPromise());
    }

    @Override
    public void onUpstreamHead(ResponseHead head) {
        if (finished || head.informational()) {
            return; // 100 Continue and friends: the client never sent Expect upstream, so they are dropped
        }
        cancelResponseTimer();
        responseStarted = true;
        upstreamKeepAlive = head.keepAlive();
        record.status = head.status();
        if (protocol == ResponseFraming.ClientProtocol.HTTP_2) {
            HttpResponse out = ResponseFraming.forHttp2Client(head, method, record.api);
            record.decorate(out.headers());
            client.write(out);
            return;
        }
        ResponseFraming.Http1Body body = ResponseFraming.http1Body(head, method, protocol);
        chunkedResponse = body == ResponseFraming.Http1Body.CHUNKED;
        if (body == ResponseFraming.Http1Body.UNTIL_CLOSE) {
            clientKeepAlive = false;
        }
        client.write(ResponseFraming.http1Head(client.alloc(), head, body, clientKeepAlive, protocol, record),
                client.voidPromise());
    }

    @Override
    public void onUpstreamContent(HttpContent part) {
        if (finished) {
            part.release();
            return;
        }
        record.responseBytes += part.content().readableBytes();
        boolean last = part instanceof LastHttpContent;
        if (protocol == ResponseFraming.ClientProtocol.HTTP_2) {
            if (last) {
                complete(client.writeAndFlush(part));
                return;
            }
            client.write(part);
        } else if (chunkedResponse) {
            writeChunk(client, client.alloc(), part.content());
            if (last) {
                HttpHeaders trailers = ((LastHttpContent) part).trailingHeaders();
                complete(client.writeAndFlush(trailers.isEmpty() ? HeadWriter.LAST_CHUNK.duplicate()
                        : lastChunk(client.alloc(), trailers)));
                return;
            }
        } else if (last) {
            complete(client.writeAndFlush(part.content()));
            return;
        } else {
            client.write(part.content(), client.voidPromise());
        }
        if (!client.channel().isWritable()) {
            up.config().setAutoRead(false);
            owner.timers().awaitClient(this, timeouts.send().toNanos());
        }
    }

    private static ByteBuf lastChunk(ByteBufAllocator alloc, HttpHeaders trailers) {
        return HeadWriter.scratch().chunkSize(0).headers(trailers).crlf().toBuffer(alloc);
    }

    @Override
    public void onUpstreamMalformed(String detail) {
        fail(HttpResponseStatus.BAD_GATEWAY, UpstreamError.MALFORMED_RESPONSE, "malformed upstream response: " + detail);
    }

    @Override
    public void onUpstreamReadComplete() {
        client.flush();
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (!requestDone && !finished) {
            client.channel().config().setAutoRead(writable);
        }
    }

    @Override
    public void onUpstreamClosed() {
        if (finished) {
            return;
        }
        up = null;
        if (responseStarted) {
            if (meters.upstreamErrorLog(UpstreamError.CLOSED_MID_RESPONSE).mayLog(ticker.read())) {
                log.warn("upstream closed mid-response api={} upstream={}", apiName, upstream.address());
            }
            finish(false);
            record.upstreamError = UpstreamError.CLOSED_MID_RESPONSE;
            record.finish(Outcome.UPSTREAM_FAILED);
            client.close();
        } else {
            fail(HttpResponseStatus.BAD_GATEWAY, UpstreamError.CLOSED_BEFORE_RESPONSE,
                    "upstream " + upstream.address() + " closed before responding");
        }
    }

    private void complete(ChannelFuture flushed) {
        finish(requestDone && upstreamKeepAlive);
        record.finish(Outcome.COMPLETED);
        if (!clientKeepAlive && protocol != ResponseFraming.ClientProtocol.HTTP_2) {
            flushed.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        owner.exchangeDone(this);
    }

    /** Answers with an error if no response started yet (else closes), and ends the exchange. */
    void fail(HttpResponseStatus status, UpstreamError kind, String detail) {
        if (finished) {
            return;
        }
        LogBudget budget = meters.upstreamErrorLog(kind);
        if (budget.mayLog(ticker.read())) {
            long left = budget.takeLeftOut();
            log.warn("upstream failure api={} upstream={} status={} detail='{}'{}", apiName, upstream.address(),
                    status.code(), detail, left == 0 ? "" : " (" + left + " more of this kind not logged)");
        }
        finish(false);
        record.upstreamError = kind;
        if (responseStarted) {
            record.finish(Outcome.UPSTREAM_FAILED);
            client.close();
        } else {
            record.status = status.code();
            owner.respondError(client, status, !requestDone || !clientKeepAlive, record);
            record.finish(Outcome.UPSTREAM_FAILED);
            if (requestDone && clientKeepAlive) {
                owner.exchangeDone(this);
            }
        }
    }

    /**
     * Ends the exchange: the upstream connection is pooled when {@code reusable}, else closed; the request's
     * in-flight slots (its source's, the API's upstream connection) are given back and its timers stopped.
     */
    void finish(boolean reusable) {
        if (finished) {
            return;
        }
        finished = true;
        owner.timers().stop(this);
        sourceRequests.release();
        meters.upstreamConnections().release();
        meters.requestsInFlight().release();
        if (waiting != null) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting = null;
        }
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
        if (up != null) {
            if (reusable) {
                pools.release(up, upstream.address());
            } else {
                UpstreamPools.handler(up).owner(null);
                up.close();
            }
            up = null;
        }
    }

    private void startResponseTimer() {
        owner.timers().awaitResponse(this, timeouts.upstreamResponse().toNanos());
    }

    private void cancelResponseTimer() {
        owner.timers().responseArrived(this);
    }

    /** The request body stopped arriving for longer than {@code bodyRead} (called by the stage's timers). */
    void bodyTimedOut() {
        if (!finished) {
            owner.cut(this, HttpResponseStatus.REQUEST_TIMEOUT, Decision.deny(HttpReasons.BODY_TIMEOUT,
                    "timeouts.bodyRead", "no request body bytes for " + timeouts.bodyRead()));
        }
    }

    /**
     * The client took none of the response for longer than {@code send} (called by the stage's timers): the
     * client's connection (or stream) and the upstream connection are closed.
     */
    void sendTimedOut() {
        if (finished) {
            return;
        }
        finish(false);
        owner.sendTimedOut(this, Decision.deny(HttpReasons.SEND_TIMEOUT, "timeouts.send",
                "the client took none of the response for " + timeouts.send()));
    }

    /** The upstream sent no response head within the timeout (called by the proxy stage's deadline). */
    void responseTimedOut() {
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, UpstreamError.RESPONSE_TIMEOUT,
                "no response head within " + timeouts.upstreamResponse());
    }
}
