package io.portcullis.gateway.tls;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.BeforeAll;

/** {@link TlsEndToEndBase} with the JDK provider, the fallback when BoringSSL does not load. */
class TlsJdkFallbackTest extends TlsEndToEndBase {

    @BeforeAll
    static void start() throws Exception {
        startWith(SslProvider.JDK);
    }
}
