package io.portcullis.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A keep-alive HTTP/1.1 client bound to one loopback address, so a test can play the workload that owns that
 * address. Reads responses framed by Content-Length (what the gateway sends for the demo upstream and errors).
 * Returns -1 when the connection is closed before a response.
 */
final class LoopbackClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    LoopbackClient(String from, int port) throws IOException {
        this(from, port, new byte[0]);
    }

    /** Connects and first sends {@code prefix} (a PROXY protocol header, say). */
    LoopbackClient(String from, int port, byte[] prefix) throws IOException {
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(prefix);
    }

    /** A response: status (-1 when the connection closed first), header lines in order, body. */
    record Response(int status, List<String> headers, String body) {
        /** The headers without the per-response ones (date, request id), for comparing responses. */
        List<String> stableHeaders() {
            return headers.stream().filter(h -> !h.toLowerCase(java.util.Locale.ROOT).startsWith("x-request-id:")
                    && !h.toLowerCase(java.util.Locale.ROOT).startsWith("date:")).toList();
        }
    }

    /** One request on this connection; the status, or -1 if the connection closed first. */
    int get(String path) throws IOException {
        return send("GET", path).status();
    }

    /** One request with extra header lines ({@code Name: value}). */
    Response send(String method, String path, String... headerLines) throws IOException {
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: test\r\n");
        for (String h : headerLines) {
            req.append(h).append("\r\n");
        }
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        if (status == null) {
            return new Response(-1, List.of(), "");
        }
        long length = 0;
        List<String> headers = new java.util.ArrayList<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            headers.add(h);
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(h.substring(15).strip());
            }
        }
        String body = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** Opens a connection from {@code from}, sends one request, and returns the response (status -1: closed first). */
    static Response once(String from, int port, byte[] prefix, String method, String path, String... headers) {
        try (LoopbackClient c = new LoopbackClient(from, port, prefix)) {
            return c.send(method, path, headers);
        } catch (IOException e) {
            return new Response(-1, List.of(), "");
        }
    }

    /** Opens a connection from {@code from}, sends one request, and returns its status (-1: closed first). */
    static int once(String from, int port, String path) {
        try (LoopbackClient c = new LoopbackClient(from, port)) {
            return c.get(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every port {@link #freePort} handed out in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free on loopback at the time of the call, and never one this method returned before: the kernel
     * picks ports at random, so two calls in a row (one test's API and admin ports, say) can return the same one.
     */
    static int freePort() throws IOException {
        while (true) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return sb.toString().stripTrailing();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
