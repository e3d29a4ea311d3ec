package io.portcullis.console.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/** The console's pages and assets, bundled in the jar under {@code io/portcullis/console/web/}. */
final class Web {

    private Web() {}

    static void page(HttpExchange ex, String name) throws IOException {
        Http.send(ex, 200, "text/html; charset=utf-8", resource(name));
    }

    static void asset(HttpExchange ex, String name) throws IOException {
        Http.send(ex, 200, name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".svg") ? "image/svg+xml"
                : "text/javascript; charset=utf-8", resource(name));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Web.class.getResourceAsStream("/io/portcullis/console/web/" + name)) {
            if (in == null) {
                throw new IOException(name + " missing from the console jar");
            }
            return in.readAllBytes();
        }
    }
}
