package io.portcullis.gateway.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A raw HTTP/1.1 upstream on loopback that answers each request head with scripted bytes, for responses a real
 * server would not send: broken framing, bytes beyond the response, 1xx heads, bodies delimited by the close.
 *
 * <p>Each connection is served on its own thread: it reads a request head (requests must carry no body), asks the
 * script for the reply, writes the reply's parts in order with a pause between them (so that each arrives in a
 * read of its own), then reads the next head, or closes when the reply says so. It counts the connections it
 * accepted and those the peer closed first (end of stream or a failed write), and keeps every request head.
 */
public final class ScriptedUpstream implements AutoCloseable {

    private static final long PAUSE_MILLIS = 100;

    /** What to send for one request: the parts (written with a pause between them), then whether to close. */
    public record Reply(List<String> parts, boolean close) {

        public Reply {
            parts = List.copyOf(parts);
        }

        /** Sends the parts and keeps the connection open for the next request. */
        public static Reply keepOpen(String... parts) {
            return new Reply(List.of(parts), false);
        }

        /** Sends the parts, then closes the connection. */
        public static Reply thenClose(String... parts) {
            return new Reply(List.of(parts), true);
        }
    }

    private final ServerSocket server;
    private final Function<String, Reply> script;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private int accepted;
    private int closedByPeer;

    private ScriptedUpstream(Function<String, Reply> script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.script = script;
        this.acceptor = new Thread(this::accept, "scripted-upstream-" + server.getLocalPort());
        acceptor.start();
    }

    /** An upstream that answers every request head with the script's reply for it. */
    public static ScriptedUpstream start(Function<String, Reply> script) throws IOException {
        return new ScriptedUpstream(script);
    }

    /** An upstream that answers the first request on each connection with {@code reply}, then closes. */
    public static ScriptedUpstream answering(String reply) throws IOException {
        return start(head -> Reply.thenClose(reply));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Every request head read so far, in order of arrival (its request line first). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The connections accepted so far. */
    public synchronized int accepted() {
        return accepted;
    }

    /** The connections the peer closed (or broke) before this upstream closed them. */
    public synchronized int closedByPeer() {
        return closedByPeer;
    }

    /** Waits up to 5 s until the peer has closed {@code n} connections; returns how many it closed. */
    public synchronized int awaitClosedByPeer(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (long left; closedByPeer < n && (left = deadline - System.nanoTime()) > 0; ) {
            wait(Math.max(1, left / 1_000_000));
        }
        return closedByPeer;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            synchronized (this) {
                accepted++;
            }
            open.add(socket);
            Thread serve = new Thread(() -> serve(socket), acceptor.getName() + "-connection");
            serve.setDaemon(true);
            serve.start();
        }
    }

    private void serve(Socket socket) {
        boolean peerClosed = true;
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String head; (head = readHead(in)) != null; ) {
                requests.add(head);
                Reply reply = script.apply(head);
                for (int i = 0; i < reply.parts().size(); i++) {
                    if (i > 0) {
                        Thread.sleep(PAUSE_MILLIS);
                    }
                    out.write(reply.parts().get(i).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (reply.close()) {
                    peerClosed = false;
                    return;
                }
            }
        } catch (IOException broken) {
            peerClosed = !server.isClosed();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            peerClosed = false;
        } finally {
            open.remove(socket);
            if (peerClosed) {
                synchronized (this) {
                    closedByPeer++;
                    notifyAll();
                }
            }
        }
    }

    /** The next request head up to and including its blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket socket : new ArrayList<>(open)) {
            socket.close();
        }
        acceptor.join(2000);
    }
}
