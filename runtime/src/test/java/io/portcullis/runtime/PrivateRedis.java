package io.portcullis.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of the test's own ({@code redis-server --port P --save "" --appendonly no}), which the test may
 * stop and start again on the same port; never the machine's service.
 */
final class PrivateRedis implements AutoCloseable {

    final int port;
    private Process process;

    PrivateRedis() throws IOException, InterruptedException {
        this.port = LoopbackClient.freePort();
        start();
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("redis-server on port " + port + " did not start");
            }
            Thread.sleep(20);
        }
    }

    /** Stops the server at once (SIGKILL: it saves nothing and answers nothing more). */
    void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = new byte[7];
            return in.read(reply) > 0 && new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            stop();
        }
    }
}
