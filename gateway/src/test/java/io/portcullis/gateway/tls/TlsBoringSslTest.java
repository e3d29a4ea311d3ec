package io.portcullis.gateway.tls;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.BeforeAll;

/** {@link TlsEndToEndBase} with BoringSSL through netty-tcnative. */
class TlsBoringSslTest extends TlsEndToEndBase {

    @BeforeAll
    static void start() throws Exception {
        startWith(SslProvider.OPENSSL);
    }
}
