package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeaderNameSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.time.Ticker;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The strict HTTP/1.1 decoder's heads: the facts it derives, and the head it writes for the upstream. */
class Http1RequestDecoderTest {

    private final List<Object> emitted = new ArrayList<>();
    private final List<ProtocolViolation> violations = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new Http1RequestDecoder(8192, Duration.ofSeconds(30), Ticker.system()),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    emitted.add(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                    violations.add((ProtocolViolation) event);
                }
            });

    @AfterEach
    void release() {
        emitted.forEach(m -> {
            if (m instanceof HttpContent c) {
                c.release();
            }
        });
        channel.finishAndReleaseAll();
    }

    private Http1Request decode(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        assertThat(violations).isEmpty();
        return (Http1Request) emitted.get(0);
    }

    private static String upstreamHead(Http1Request request, String target) {
        ForwardingHeaders.Values forwarded = ForwardingHeaders.Values.of(InetAddress.getLoopbackAddress(), false);
        ByteBuf head = request.writeUpstreamHead(ByteBufAllocator.DEFAULT, target,
                new UpstreamHeadValues(forwarded, "req-1", "backend:8080", HeaderNameSet.EMPTY, java.util.List.of()));
        try {
            return head.toString(StandardCharsets.ISO_8859_1);
        } finally {
            head.release();
        }
    }

    @Test
    void derivesTheFramingFactsFromTheHead() {
        Http1Request request = decode("POST /a?b=1 HTTP/1.1\r\nHost: api\r\nContent-Length: 3\r\n"
                + "Expect: 100-Continue\r\nConnection: close\r\n\r\nabc");
        assertThat(request.method().name()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/a?b=1");
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.contentLength()).isEqualTo(3);
        assertThat(request.hasBody()).isTrue();
        assertThat(request.chunkedUpstream()).isFalse();
        assertThat(request.expectsContinue()).isTrue();
        assertThat(request.keepAlive()).isFalse();
        assertThat(emitted).hasSize(2);
        LastHttpContent body = (LastHttpContent) emitted.get(1);
        assertThat(body.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void keepAliveFollowsTheVersionAndConnectionTokens() {
        assertThat(decode("GET / HTTP/1.1\r\nHost: a\r\n\r\n").keepAlive()).isTrue();
        emitted.clear();
        assertThat(decode("GET / HTTP/1.1\r\nHost: a\r\nConnection: x-a, Close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void anHttp10RequestIsKeptAliveOnlyWhenItAsks() {
        Http1Request plain = decode("GET / HTTP/1.0\r\n\r\n");
        assertThat(plain.keepAlive()).isFalse();
        assertThat(plain.protocol()).isEqualTo("HTTP/1.0");
        emitted.clear();
        assertThat(decode("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive()).isTrue();
    }

    @Test
    void decodesTheHeadersOnlyWhenAsked() {
        Http1Request request = decode("GET / HTTP/1.1\r\nHost: a\r\nAuthorization:  Bearer t \r\nX-A: 1\r\nX-A: 2\r\n\r\n");
        assertThat(request.headers().get("authorization")).isEqualTo("Bearer t");
        assertThat(request.headers().getAll("x-a")).containsExactly("1", "2");
        assertThat(request.headers()).isSameAs(request.headers());
    }

    @Test
    void theUpstreamHeadDropsHopByHopForwardingAndImitatedHeadersAndAddsTheGatewaysOwn() {
        Http1Request request = decode("POST /orders HTTP/1.1\r\nHost: api.example\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: keep-alive, X-Secret\r\nX-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n"
                + "X-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6\r\nX-Real-IP: 6.6.6.6\r\nX-Request-Id: forged\r\n"
                + "x-http2-scheme: https\r\nExpect: 100-continue\r\nProxy-Authorization: Basic x\r\nAccept: */*\r\n\r\n"
                + "0\r\n\r\n");
        assertThat(upstreamHead(request, "/base/orders")).isEqualTo("POST /base/orders HTTP/1.1\r\n"
                + "host: api.example\r\nAccept: */*\r\ntransfer-encoding: chunked\r\n"
                + "x-forwarded-for: 127.0.0.1\r\nx-forwarded-proto: http\r\nforwarded: for=127.0.0.1;proto=http\r\n"
                + "x-request-id: req-1\r\n\r\n");
    }

    @Test
    void anHttp10RequestWithoutHostGetsTheUpstreamsHost() {
        Http1Request request = decode("GET /x HTTP/1.0\r\nAccept: a\r\n\r\n");
        assertThat(upstreamHead(request, "/x")).startsWith("GET /x HTTP/1.1\r\nhost: backend:8080\r\nAccept: a\r\n");
    }

    @Test
    void aConnectionTokenCannotRemoveTheFramingOrTheHost() {
        Http1Request request = decode("POST /attacker HTTP/1.1\r\nHost: api\r\nContent-Length: 3\r\n"
                + "Connection: Content-Length, Host, Transfer-Encoding\r\n\r\nabc");
        assertThat(upstreamHead(request, "/attacker")).isEqualTo("POST /attacker HTTP/1.1\r\nhost: api\r\n"
                + "content-length: 3\r\nx-forwarded-for: 127.0.0.1\r\nx-forwarded-proto: http\r\n"
                + "forwarded: for=127.0.0.1;proto=http\r\nx-request-id: req-1\r\n\r\n");
    }

    @Test
    void theLengthGoesUpstreamAsThePlainDecimalTheDecoderRead() {
        Http1Request request = decode("POST / HTTP/1.1\r\nHost: api\r\nContent-Length: 0003\r\n\r\nabc");
        assertThat(upstreamHead(request, "/")).contains("\r\ncontent-length: 3\r\n").doesNotContain("0003");
    }

    @Test
    void aStrippedCredentialDoesNotGoUpstream() {
        Http1Request request = decode("GET / HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer t\r\nX-A: 1\r\n\r\n");
        ForwardingHeaders.Values forwarded = ForwardingHeaders.Values.of(InetAddress.getLoopbackAddress(), false);
        ByteBuf head = request.writeUpstreamHead(ByteBufAllocator.DEFAULT, "/",
                new UpstreamHeadValues(forwarded, "req-1", "backend", HeaderNameSet.of("authorization"), java.util.List.of()));
        try {
            assertThat(head.toString(StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("authorization")
                    .contains("X-A: 1");
        } finally {
            head.release();
        }
        assertThat(request.count(HeaderNameSet.of("Authorization"))).isEqualTo(1);
    }

    @Test
    void keepsTheChunkLineLimitAfterALongTrailerLine() {
        channel.writeInbound(Unpooled.copiedBuffer("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\nX-Long: " + "t".repeat(3000) + "\r\n\r\n"
                + "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + "e".repeat(1100) + "\r\n",
                StandardCharsets.ISO_8859_1));
        assertThat(violations).extracting(ProtocolViolation::detail).containsExactly("chunk-size line too long");
    }

    @Test
    void aViolationComesAfterWhatTheSameReadCompletedBeforeIt() {
        channel.writeInbound(Unpooled.copiedBuffer("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /bad HTTP/1.1\r\nHost: a\nX: 1\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        assertThat(emitted).hasSize(2);
        assertThat(((Http1Request) emitted.get(0)).uri()).isEqualTo("/ok");
        assertThat(emitted.get(1)).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(violations).extracting(ProtocolViolation::detail).containsExactly("bare LF");
    }

    @Test
    void bodyPartsAreSlicesOfTheBufferRead() {
        ByteBuf read = Unpooled.copiedBuffer("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123",
                StandardCharsets.ISO_8859_1);
        channel.writeInbound(read);
        HttpContent part = (HttpContent) emitted.get(1);
        assertThat(part).isNotInstanceOf(LastHttpContent.class);
        assertThat(part.content().toString(StandardCharsets.US_ASCII)).isEqualTo("0123");
        assertThat(read.refCnt()).isEqualTo(1); // the decoder released its reference; the slice holds the buffer
    }

    /** Identity headers: every client copy goes whatever its spelling or count, the gateway's value is written once. */
    @org.junit.jupiter.api.Test
    void identityHeadersReachTheUpstreamOnlyAsTheGatewayWroteThem() {
        Http1Request request = decode("GET /x HTTP/1.1\r\nHost: a\r\nX-Caller-Principal: forged\r\n"
                + "x-caller-principal: forged-again\r\nX-CALLER-GROUPS: sg-admins\r\nX-Kept: 1\r\n\r\n");
        ForwardingHeaders.Values forwarded = ForwardingHeaders.Values.of(InetAddress.getLoopbackAddress(), false);
        ByteBuf head = request.writeUpstreamHead(ByteBufAllocator.DEFAULT, "/x", new UpstreamHeadValues(forwarded, "req-1",
                "backend", HeaderNameSet.of("X-Caller-Principal", "X-Caller-Groups"),
                java.util.List.of(java.util.Map.entry("X-Caller-Principal", HeaderValues.safe("arn:aws:iam::1:role/a\r\nX-Admin: 1")))));
        try {
            String text = head.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContainIgnoringCase("forged").doesNotContainIgnoringCase("sg-admins")
                    .doesNotContain("\r\nX-Admin").contains("X-Kept: 1\r\n")
                    .contains("X-Caller-Principal: arn:aws:iam::1:role/a%0D%0AX-Admin:%201\r\n");
            assertThat(text.toLowerCase(java.util.Locale.ROOT).split("x-caller-principal:", -1)).hasSize(2);
            assertThat(UpstreamHeads.firstNonCanonical(text, 16 * 1024)).isNull();
        } finally {
            head.release();
        }
    }

    @org.junit.jupiter.api.Test
    void identityHeadersOverHttp2TooAllCopiesGoAndTheGatewaysValueIsSetOnce() {
        io.netty.handler.codec.http.DefaultHttpRequest h2 = new io.netty.handler.codec.http.DefaultHttpRequest(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, "/x");
        h2.headers().add("x-caller-principal", "forged").add("X-Caller-Principal", "forged-again")
                .add("x-caller-groups", "sg-admins").add("x-kept", "1").add("host", "a");
        ForwardingHeaders.Values forwarded = ForwardingHeaders.Values.of(InetAddress.getLoopbackAddress(), false);
        ByteBuf head = new Http2Request(h2).writeUpstreamHead(ByteBufAllocator.DEFAULT, "/x", new UpstreamHeadValues(
                forwarded, "req-1", "backend", HeaderNameSet.of("X-Caller-Principal", "X-Caller-Groups"),
                java.util.List.of(java.util.Map.entry("X-Caller-Principal", "arn:aws:iam::1:role/a"))));
        try {
            String text = head.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContainIgnoringCase("forged").doesNotContainIgnoringCase("sg-admins")
                    .containsIgnoringCase("x-kept: 1\r\n").containsIgnoringCase("x-caller-principal: arn:aws:iam::1:role/a\r\n");
            assertThat(text.toLowerCase(java.util.Locale.ROOT).split("x-caller-principal:", -1)).hasSize(2);
        } finally {
            head.release();
        }
    }
}
