package io.portcullis.identity.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A real HTTPS JWKS endpoint on loopback that counts its requests and can be slowed down. */
public final class JwksServer implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String document;
    private volatile int status = 200;
    private volatile long delayMillis;

    /** @param tls the server's TLS context, e.g. {@code TestPki.serverContext(pki.server())} */
    public JwksServer(SSLContext tls, String document) throws Exception {
        this.document = document;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/.well-known/jwks.json", exchange -> {
            requests.incrementAndGet();
            try {
                if (this.delayMillis > 0) {
                    Thread.sleep(this.delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = this.document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(this.status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public void serve(String jwks) {
        this.document = jwks;
    }

    public void status(int code) {
        this.status = code;
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
