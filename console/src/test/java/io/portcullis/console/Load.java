package io.portcullis.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for the console's tests: real HTTP/1.1 requests over TCP from a bound loopback address (the
 * workload the demo places there), one connection each, so the node decides each connection and request.
 */
final class Load implements AutoCloseable {

    /** One kind of request: from which address, to which port, which method and path. */
    record Shot(String from, int port, String method, String path) {}

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;

    /** Sends {@code shots} in turn, about {@code perSecond} a second, until closed. */
    Load(int perSecond, Shot... shots) {
        thread = new Thread(() -> {
            long pause = 1000L / perSecond;
            for (int i = 0; running.get(); i++) {
                send(shots[i % shots.length]);
                sent.incrementAndGet();
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "console-test-load");
        thread.setDaemon(true);
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    /** The response's status code, or 0 when the node closed the connection without an answer. */
    static int send(Shot shot) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(shot.from()), 0));
            s.connect(new InetSocketAddress("127.0.0.1", shot.port()), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((shot.method() + " " + shot.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            in.readAllBytes();
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(5000);
    }
}
