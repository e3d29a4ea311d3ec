package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ForwardingHeadersTest {

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    @Test
    void removesTheFixedHopByHopHeaders() {
        HttpHeaders h = headers("Connection", "keep-alive", "Keep-Alive", "timeout=5", "Proxy-Connection", "x",
                "TE", "trailers", "Trailer", "X-T", "Transfer-Encoding", "chunked", "Upgrade", "h2c",
                "Proxy-Authenticate", "Basic", "Proxy-Authorization", "Basic eA==", "Accept", "*/*");
        ForwardingHeaders.stripHopByHop(h);
        assertThat(h.names()).containsExactly("Accept");
    }

    @Test
    void removesEveryHeaderTheConnectionHeadersName() {
        HttpHeaders h = headers("Connection", "close, X-Custom ,\tx-other,, KEEP-ALIVE", "connection", "X-Third",
                "X-Custom", "1", "X-Other", "2", "x-third", "3", "X-Kept", "4", "Close", "5");
        ForwardingHeaders.stripHopByHop(h);
        assertThat(h.names()).containsExactly("X-Kept");
    }

    @Test
    void aConnectionHeaderOfOnlyCommasOrSpacesRemovesNothingElse() {
        HttpHeaders h = headers("Connection", ",, ,", "X-Kept", "1");
        ForwardingHeaders.stripHopByHop(h);
        assertThat(h.names()).containsExactly("X-Kept");
    }

    @Test
    void replacesWhateverForwardingHeadersTheClientSent() throws Exception {
        HttpHeaders h = headers("X-Forwarded-For", "6.6.6.6", "x-forwarded-for", "7.7.7.7", "Forwarded", "for=6.6.6.6",
                "X-Real-IP", "6.6.6.6", "X-Forwarded-Host", "evil", "X-Forwarded-Port", "1", "Expect", "100-continue");
        ForwardingHeaders.setForwarded(h, ForwardingHeaders.Values.of(InetAddress.getByName("2001:db8::1"), true));
        assertThat(h.getAll("x-forwarded-for")).containsExactly("2001:db8:0:0:0:0:0:1");
        assertThat(h.get("x-forwarded-proto")).isEqualTo("https");
        assertThat(h.get("forwarded")).isEqualTo("for=\"[2001:db8:0:0:0:0:0:1]\";proto=https");
        assertThat(h.names()).containsExactlyInAnyOrder("x-forwarded-for", "x-forwarded-proto", "forwarded");
    }
}
