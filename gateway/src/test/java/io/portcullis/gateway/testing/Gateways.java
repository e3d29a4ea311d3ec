package io.portcullis.gateway.testing;

import io.portcullis.gateway.settings.ApiSettings;
import java.net.InetSocketAddress;
import java.net.URI;

/** Settings shortcuts for tests. */
public final class Gateways {

    private Gateways() {}

    /** An API named {@code orders} on 127.0.0.1 with a free port, forwarding to the upstream. */
    public static ApiSettings.Builder api(URI upstream) {
        return ApiSettings.builder("orders", new InetSocketAddress("127.0.0.1", 0), upstream);
    }
}
