package io.portcullis.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw TCP client bound to a chosen loopback address (127.0.0.x plays a workload), for exact bytes on the
 * wire: smuggling attempts, PROXY headers, slow clients.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket = new Socket();

    public RawClient(String localAddress, int port) throws IOException {
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
    }

    public RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Everything the server sends until it closes (or the timeout passes). */
    public String readUntilClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return out.toString(StandardCharsets.ISO_8859_1) + "<timeout>";
        } catch (IOException reset) {
            return out.toString(StandardCharsets.ISO_8859_1) + "<reset>";
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** One response with a Content-Length body (enough for keep-alive tests). */
    public String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException reset) {
                b = -1;
            }
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1) + "<closed>";
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return text + new String(body, StandardCharsets.ISO_8859_1);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
