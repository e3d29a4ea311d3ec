package io.portcullis.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real webhook receiver on loopback: records each POST and answers with planned statuses (then a default). */
final class WebhookServer implements AutoCloseable {

    /** One received POST. */
    record Received(String path, String contentType, String signature, String deliveryId, String attempt,
                    byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> planned = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 204;
    private volatile CountDownLatch hold;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    /** Answers the next requests with these statuses, in order, then with {@code otherwise}. */
    void answer(int otherwise, Integer... first) {
        planned.addAll(java.util.List.of(first));
        this.otherwise = otherwise;
    }

    CountDownLatch hold() {
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    Received next() throws InterruptedException {
        Received r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the webhook received nothing");
        }
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var h = exchange.getRequestHeaders();
            received.add(new Received(exchange.getRequestURI().getPath(), h.getFirst("Content-Type"),
                    h.getFirst("X-Portcullis-Signature"), h.getFirst("X-Portcullis-Delivery"),
                    h.getFirst("X-Portcullis-Attempt"), exchange.getRequestBody().readAllBytes()));
            CountDownLatch latch = hold;
            if (latch != null) {
                latch.await(30, TimeUnit.SECONDS);
            }
            Integer status = planned.poll();
            exchange.sendResponseHeaders(status == null ? otherwise : status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        CountDownLatch latch = hold;
        if (latch != null) {
            latch.countDown();
        }
        server.stop(0);
    }
}
