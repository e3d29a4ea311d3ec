package io.portcullis.gateway.invariant;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw HTTP/1.x client on one connection from a chosen loopback address: it writes exact bytes and reads
 * responses one at a time, interim ({@code 1xx}) heads included, framing each body as RFC 9112 says for the
 * request it answers. A connection that ends (closed, reset or silent for 3 s) before a status line gives no
 * response.
 */
final class Http1Client implements AutoCloseable {

    /** One response: the interim statuses before it, its status and header lines, its body, framing problems. */
    record Response(List<Integer> interim, int status, List<String[]> headers, String body, List<String> problems) {

        /** Every value of a header (case-insensitive name). */
        List<String> values(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String value(String name) {
            List<String> values = values(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private final Socket socket = new Socket();
    private final InputStream in;

    Http1Client(String localAddress, int port) throws IOException {
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(3000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
    }

    int localPort() {
        return socket.getLocalPort();
    }

    Http1Client send(String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** The next response, or {@code null} when the connection ended first; {@code head}: it answers a HEAD. */
    Response read(boolean head) throws IOException {
        List<Integer> interim = new ArrayList<>();
        while (true) {
            String headText = readHead();
            if (headText == null) {
                return null;
            }
            List<String> problems = new ArrayList<>();
            String[] lines = headText.split("\r\n", -1);
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (RuntimeException e) {
                return new Response(interim, -1, List.of(), headText, List.of("bad status line " + lines[0]));
            }
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, Math.max(colon, 0)),
                        colon < 0 ? "" : lines[i].substring(colon + 1).strip()});
            }
            if (status < 200) {
                interim.add(status);
                continue;
            }
            Response bare = new Response(interim, status, headers, "", problems);
            List<String> lengths = bare.values("content-length");
            List<String> encodings = bare.values("transfer-encoding");
            if (lengths.size() > 1 || !lengths.isEmpty() && !encodings.isEmpty()) {
                problems.add("ambiguous response framing: Content-Length " + lengths + ", Transfer-Encoding " + encodings);
            }
            String body;
            if (head || status == 204 || status == 304) {
                body = "";
            } else if (encodings.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                body = readChunked();
            } else if (!lengths.isEmpty()) {
                body = text(in.readNBytes(Integer.parseInt(lengths.get(0))));
            } else {
                problems.add("body delimited by the end of the connection");
                body = readToEnd();
            }
            return new Response(interim, status, headers, body, problems);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        try {
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            }
        } catch (IOException ended) {
            return null;
        }
        return text(head.toByteArray());
    }

    private String readChunked() throws IOException {
        StringBuilder body = new StringBuilder();
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toString();
            }
            body.append(text(in.readNBytes(size)));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection ended inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return text(line.toByteArray());
    }

    private String readToEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException ended) {
            // the body ends with the connection
        }
        return text(out.toByteArray());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
