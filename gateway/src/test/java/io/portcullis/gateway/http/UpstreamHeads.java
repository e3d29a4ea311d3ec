package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeaderNameSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.time.Ticker;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The head the gateway sends upstream for a request is canonical: the strict decoder accepts it as exactly one
 * head with the same method, the target in origin form as the gateway sends it ({@link RequestTargets#originForm})
 * and the same body framing, and forwarding it once more writes the same bytes. So an
 * upstream at least as strict as the gateway cannot see a different message boundary than the gateway did, which
 * is what request smuggling needs.
 */
final class UpstreamHeads {

    private static final UpstreamHeadValues VALUES = new UpstreamHeadValues(
            ForwardingHeaders.Values.of(InetAddress.getLoopbackAddress(), false), "req-1", "backend:8080", HeaderNameSet.EMPTY,
            java.util.List.of());

    private UpstreamHeads() {}

    /**
     * Decodes {@code input} in one read with heads of at most {@code maxHead} bytes and checks every request head
     * it yields; returns a description of the first that is not canonical, or null.
     */
    static String firstNonCanonical(String input, int maxHead) {
        List<Http1Request> requests = new ArrayList<>();
        decode(input, maxHead, requests);
        for (Http1Request request : requests) {
            String head = upstreamHead(request);
            // The gateway's own headers may take the head past the client's limit: decode with room for them.
            List<Http1Request> again = new ArrayList<>();
            String violation = decode(head, maxHead + 1024, again);
            if (again.size() != 1 || violation != null) {
                return "upstream head of " + request.method() + " " + request.uri() + " decodes to " + again.size()
                        + " heads" + (violation == null ? "" : " then " + violation) + ": " + head;
            }
            Http1Request forwarded = again.get(0);
            if (!forwarded.method().equals(request.method()) || !forwarded.uri().equals(target(request))
                    || forwarded.contentLength() != request.contentLength()
                    || forwarded.chunkedUpstream() != request.chunkedUpstream()) {
                return "upstream head changes the request line or framing: " + head;
            }
            if (!upstreamHead(forwarded).equals(head)) {
                return "forwarding the upstream head again changes it: " + head + " then " + upstreamHead(forwarded);
            }
        }
        return null;
    }

    private static String upstreamHead(Http1Request request) {
        ByteBuf head = request.writeUpstreamHead(UnpooledByteBufAllocator.DEFAULT, target(request), VALUES);
        try {
            return head.toString(StandardCharsets.ISO_8859_1);
        } finally {
            head.release();
        }
    }

    private static String target(Http1Request request) {
        return RequestTargets.originForm(request.uri());
    }

    /**
     * Adds the request heads the decoder hands on for {@code input} read at once to {@code requests}; returns the
     * violation that stopped it, or null.
     */
    private static String decode(String input, int maxHead, List<Http1Request> requests) {
        List<String> violations = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(
                new Http1RequestDecoder(maxHead, Duration.ofSeconds(30), Ticker.system()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof Http1Request request) {
                            requests.add(request);
                        } else {
                            ReferenceCountUtil.release(msg);
                        }
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        if (event instanceof ProtocolViolation v) { // the heads before it stand
                            violations.add(v.status().code() + " " + v.detail());
                        }
                    }
                });
        channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1));
        channel.finishAndReleaseAll();
        return violations.isEmpty() ? null : violations.get(0);
    }
}
