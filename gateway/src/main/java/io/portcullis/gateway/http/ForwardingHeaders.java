package io.portcullis.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import io.portcullis.gateway.wire.HeadWriter;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Header rewriting between client and upstream: hop-by-hop headers (RFC 9110 section 7.6.1, plus any named in
 * {@code Connection}) are removed in both directions, and on requests every client-sent forwarding header is
 * replaced by what the gateway itself saw ({@code X-Forwarded-For}, {@code X-Forwarded-Proto},
 * {@code Forwarded}). A client can therefore never choose the address the upstream believes, nor the request id
 * ({@link #REQUEST_ID}).
 */
public final class ForwardingHeaders {

    /** The gateway's request id, sent upstream (replacing any the client sent) and returned to the client. */
    public static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");

    /** The hop-by-hop headers of RFC 9110 section 7.6.1 and their common relatives. */
    static final AsciiString[] HOP_BY_HOP_NAMES = {HttpHeaderNames.CONNECTION,
            AsciiString.cached("keep-alive"), AsciiString.cached("proxy-connection"), HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION};
    private static final List<AsciiString> HOP_BY_HOP = List.of(HOP_BY_HOP_NAMES);
    /** The same names, for matching raw head bytes. */
    static final HeaderNameSet HOP_BY_HOP_SET = HeaderNameSet.of(HOP_BY_HOP_NAMES);
    private static final List<AsciiString> CLIENT_FORWARDING = List.of(AsciiString.cached("x-forwarded-for"),
            AsciiString.cached("x-forwarded-proto"), AsciiString.cached("x-forwarded-host"),
            AsciiString.cached("x-forwarded-port"), AsciiString.cached("x-real-ip"), AsciiString.cached("forwarded"),
            HttpHeaderNames.EXPECT, AsciiString.cached("http2-settings"));

    /** The names Netty's HTTP/2 to HTTP/1.1 conversion adds (a client must not send them either). */
    static final AsciiString[] HTTP2_CONVERSION_NAMES = {HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(),
            HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text(), HttpConversionUtil.ExtensionHeaderNames.PATH.text()};

    /**
     * The fields that say where a message ends and which host it is for. The gateway never relays them as they
     * arrived: it writes them itself from what its own parser decided ({@code Content-Length} as a plain decimal,
     * {@code Transfer-Encoding: chunked}, the one {@code Host}), so no {@code Connection} token and no odd
     * spelling ({@code 0003}) can make the upstream frame a message differently from the gateway.
     */
    static final AsciiString[] FRAMING_NAMES = {HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.HOST};

    /**
     * Every client header the gateway drops from a request head it relays as bytes: the hop-by-hop ones, the
     * framing ones it writes itself, the forwarding ones it sets itself, the request id, and the names Netty's
     * HTTP/2 conversion uses internally.
     */
    static final HeaderNameSet REQUEST_DROPPED = HOP_BY_HOP_SET.with(CLIENT_FORWARDING.toArray(new AsciiString[0]))
            .with(FRAMING_NAMES).with(REQUEST_ID).with(HTTP2_CONVERSION_NAMES);

    private static final String KEEP_ALIVE = "keep-alive";

    private ForwardingHeaders() {}

    /** Removes hop-by-hop headers, including those the {@code Connection} header names. */
    public static void stripHopByHop(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            List<String> named = namedByConnection(headers);
            for (int i = 0; i < named.size(); i++) {
                headers.remove(named.get(i));
            }
        }
        for (int i = 0; i < HOP_BY_HOP.size(); i++) {
            headers.remove(HOP_BY_HOP.get(i));
        }
    }

    /**
     * The header names listed in every {@code Connection} value, except {@code keep-alive}, which is hop-by-hop
     * anyway (and by far the most common): so the usual {@code Connection: keep-alive} costs no list and no string.
     */
    private static List<String> namedByConnection(HttpHeaders headers) {
        List<String> named = List.of();
        Iterator<String> values = headers.valueStringIterator(HttpHeaderNames.CONNECTION);
        while (values.hasNext()) {
            String value = values.next();
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int from = start;
                int to = end;
                while (from < to && isOptionalWhitespace(value.charAt(from))) {
                    from++;
                }
                while (to > from && isOptionalWhitespace(value.charAt(to - 1))) {
                    to--;
                }
                if (to > from && !(to - from == KEEP_ALIVE.length()
                        && value.regionMatches(true, from, KEEP_ALIVE, 0, to - from))) {
                    if (named.isEmpty()) {
                        named = new ArrayList<>(2);
                    }
                    named.add(value.substring(from, to));
                }
                start = end + 1;
            }
        }
        return named;
    }

    private static boolean isOptionalWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** The forwarding header values for one connection's source, computed once per connection. */
    public record Values(AsciiString forwardedFor, AsciiString proto, AsciiString forwarded) {

        public static Values of(InetAddress client, boolean tls) {
            String address = client.getHostAddress();
            String proto = tls ? "https" : "http";
            String node = client instanceof Inet6Address ? "\"[" + address + "]\"" : address;
            return new Values(new AsciiString(address), new AsciiString(proto), new AsciiString("for=" + node + ";proto=" + proto));
        }
    }

    /** Appends the gateway's forwarding header lines for the connection's source to a head. */
    static void write(HeadWriter out, Values values) {
        out.header(CLIENT_FORWARDING.get(0), values.forwardedFor()).header(CLIENT_FORWARDING.get(1), values.proto())
                .header(CLIENT_FORWARDING.get(5), values.forwarded());
    }

    /** Replaces the client's forwarding headers with the gateway's view of the connection. */
    public static void setForwarded(HttpHeaders headers, InetAddress client, boolean tls) {
        setForwarded(headers, Values.of(client, tls));
    }

    /** Replaces the client's forwarding headers with precomputed values of the connection's source. */
    public static void setForwarded(HttpHeaders headers, Values values) {
        for (AsciiString name : CLIENT_FORWARDING) {
            headers.remove(name);
        }
        headers.set(CLIENT_FORWARDING.get(0), values.forwardedFor());
        headers.set(CLIENT_FORWARDING.get(1), values.proto());
        headers.set(CLIENT_FORWARDING.get(5), values.forwarded());
    }
}
