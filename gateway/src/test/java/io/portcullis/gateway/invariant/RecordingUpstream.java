package io.portcullis.gateway.invariant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP/1.1 upstream on loopback that records what it runs: each connection is read by its own thread and
 * cut into requests by {@link UpstreamParser} (keep-alive, pipelined requests answered in order). Every request
 * is recorded and answered with a small fixed {@code 200} with a {@code Content-Length} (no body after
 * {@code HEAD}) whose {@code X-Upstream-Seen} header echoes the request id, method and target it ran, so a
 * client can tell whose response it got. A violation is recorded, answered with {@code 400} and the connection
 * closed, as a strict upstream would.
 *
 * <p>{@link #unconsumed()} tells which open connections hold bytes that are not a complete request: a gateway
 * that left them there has sent something the upstream will read as part of the next request.
 */
final class RecordingUpstream implements AutoCloseable {

    static final String SEEN = "X-Upstream-Seen";
    private static final String BODY = "ok\n";

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Integer, Connection> open = new ConcurrentHashMap<>();
    private final List<UpstreamRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Function<UpstreamRequest, String> responder;
    private volatile long lastActivityNanos = System.nanoTime();

    /** An upstream answering every request with the standard response ({@link #standard}). */
    RecordingUpstream() throws IOException {
        this(RecordingUpstream::standard);
    }

    /** An upstream answering each request with the bytes {@code responder} gives for it (after recording it). */
    RecordingUpstream(Function<UpstreamRequest, String> responder) throws IOException {
        this.responder = responder;
        server = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::accept, "recording-upstream-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    List<UpstreamRequest> requests() {
        return List.copyOf(requests);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Open connections holding bytes that are not (yet) a complete request, described. */
    List<String> unconsumed() {
        List<String> held = new ArrayList<>();
        open.values().forEach(c -> {
            String bytes = c.unconsumed();
            if (!bytes.isEmpty()) {
                held.add("connection " + c.id + " holds " + Escape.of(bytes));
            }
        });
        return held;
    }

    /** Nanoseconds since a byte last arrived or a connection last opened or closed. */
    long quietNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    /** Forgets what was recorded (connections stay open). */
    void clear() {
        requests.clear();
        violations.clear();
    }

    /** Closes every open connection, so that no state carries over to the next scenario. */
    void dropConnections() {
        open.values().forEach(Connection::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Connection connection = new Connection(connections.incrementAndGet(), socket);
                open.put(connection.id, connection);
                touch();
                Thread reader = new Thread(connection::serve, acceptor.getName() + "-" + connection.id);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** One accepted connection: its bytes not yet consumed as requests, read and answered on its own thread. */
    private final class Connection {

        private final int id;
        private final Socket socket;
        private byte[] buffer = new byte[8192];
        private int start;
        private int end;
        private int sequence;

        Connection(int id, Socket socket) {
            this.id = id;
            this.socket = socket;
        }

        synchronized String unconsumed() {
            return socket.isClosed() ? "" : new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
        }

        void serve() {
            try (socket) {
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] read = new byte[8192];
                while (true) {
                    UpstreamParser.Result result;
                    synchronized (this) {
                        result = UpstreamParser.parse(buffer, start, end);
                    }
                    if (result instanceof UpstreamParser.Parsed parsed) {
                        boolean close = answer(parsed, out);
                        synchronized (this) {
                            start += parsed.consumed();
                        }
                        if (close) {
                            return;
                        }
                    } else if (result instanceof UpstreamParser.Violation violation) {
                        violations.add("connection " + id + ": " + violation.detail() + " in "
                                + Escape.of(unconsumed()));
                        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        return;
                    } else {
                        int n = in.read(read);
                        touch();
                        if (n < 0) {
                            return;
                        }
                        append(read, n);
                    }
                }
            } catch (IOException closed) {
                // dropped by the test or reset by the gateway: what was recorded stays
            } finally {
                open.remove(id);
                touch();
            }
        }

        private synchronized void append(byte[] read, int n) {
            if (start == end) {
                start = 0;
                end = 0;
            }
            if (end + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + n));
            }
            System.arraycopy(read, 0, buffer, end, n);
            end += n;
        }

        /** Records the request and writes its response; returns whether to close after it. */
        private boolean answer(UpstreamParser.Parsed p, OutputStream out) throws IOException {
            UpstreamRequest request = new UpstreamRequest(id, ++sequence, p.method(), p.target(), p.version(),
                    p.headers(), p.body());
            requests.add(request);
            out.write(responder.apply(request).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String connection = String.join(",", request.values("connection")).toLowerCase(Locale.ROOT);
            return connection.contains("close") || p.version().equals("HTTP/1.0") && !connection.contains("keep-alive");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** What the upstream ran, as its response echoes it: the request ids it got, the method and the target. */
    static String seen(UpstreamRequest request) {
        return String.join(",", request.values("x-request-id")) + " " + request.method() + " " + request.target();
    }

    /** The standard response: {@code 200} with {@link #SEEN}, a {@code Content-Length} and (not after HEAD) a body. */
    static String standard(UpstreamRequest request) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + SEEN + ": " + seen(request) + "\r\nContent-Length: "
                + BODY.length() + "\r\n\r\n" + (request.method().equals("HEAD") ? "" : BODY);
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
