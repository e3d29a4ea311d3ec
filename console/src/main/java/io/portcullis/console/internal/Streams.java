package io.portcullis.console.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to the open consoles: each event is formatted once and offered to every client's bounded
 * queue (a client too slow to keep up loses events rather than holding memory); each client's own thread writes
 * its queue. At most {@link #MAX_CLIENTS} streams at once, so the console never takes every server thread.
 */
final class Streams {

    static final int MAX_CLIENTS = 8;
    private static final int QUEUE = 256;
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final List<BlockingQueue<byte[]>> clients = new CopyOnWriteArrayList<>();
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private volatile boolean closed;

    /** Offers {@code data} (one line of JSON) as an event of {@code type} to every open stream. */
    void publish(String type, String data) {
        if (clients.isEmpty()) {
            return;
        }
        byte[] event = ("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (BlockingQueue<byte[]> q : clients) {
            q.offer(event);
        }
    }

    int open() {
        return clients.size();
    }

    /** Serves one stream on the calling thread until the client leaves or the console closes. */
    void serve(HttpExchange ex, byte[] first) throws IOException {
        if (!slots.tryAcquire()) {
            Http.text(ex, 503, "too many open consoles (at most " + MAX_CLIENTS + ")\n");
            return;
        }
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        clients.add(queue);
        try {
            OutputStream out = open(ex);
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.flush();
            while (!closed) {
                byte[] event = queue.poll(15, TimeUnit.SECONDS);
                out.write(event == null ? KEEPALIVE : event);
                out.flush();
            }
        } catch (IOException e) {
            // the client left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
            slots.release();
            ex.close();
        }
    }

    /** Answers 200 with an event stream's headers; the stream's body to write events to. */
    static OutputStream open(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    void close() {
        closed = true;
    }
}
