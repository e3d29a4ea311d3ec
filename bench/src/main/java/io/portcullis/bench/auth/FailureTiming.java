package io.portcullis.bench.auth;

import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Do failure responses take the same time whatever the cause? Runs a real node (JWT, binding, 10-statement
 * policy) and, round-robin over the causes so that machine noise hits each alike, sends one request per new
 * connection for each cause, timing from the request's first byte to the end of the response head. Prints the
 * distribution per cause, once with the configured failure floor and once with none, for comparison.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.portcullis.bench.auth.FailureTiming [ROUNDS] [FLOOR]</pre>
 */
public final class FailureTiming {

    private FailureTiming() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String floor = args.length > 1 ? args[1] : "5ms";
        for (String f : List.of(floor, "0s")) {
            run(rounds, f);
        }
    }

    private static void run(int rounds, String floor) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DemoUpstream upstream = DemoUpstream.start()) {
            AuthFixture fixture = new AuthFixture(port, upstream.uri().toString(), floor);
            try (Node node = Node.builder(List.of(fixture.config)).build().start()) {
                Instant later = Instant.now().plusSeconds(3600);
                String good = fixture.token("client-1", List.of("sg-clients"), later, "bench");
                Map<String, String> causes = new LinkedHashMap<>();
                causes.put("401 no token", null);
                causes.put("401 malformed", "not.a.token");
                causes.put("401 bad signature", good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5));
                causes.put("401 expired", fixture.token("client-1", List.of("sg-clients"), Instant.now().minusSeconds(600), "bench"));
                causes.put("401 wrong audience", fixture.token("client-1", List.of("sg-clients"), later, "other"));
                causes.put("403 groups mismatch", fixture.token("client-1", List.of("sg-other"), later, "bench"));
                causes.put("403 stolen token (other workload)", fixture.token("client-2", List.of("sg-clients"), later, "bench"));
                Map<String, long[]> samples = new LinkedHashMap<>();
                causes.keySet().forEach(k -> samples.put(k, new long[rounds]));
                int warmup = Math.max(200, rounds / 5);
                for (int i = -warmup; i < rounds; i++) {
                    for (Map.Entry<String, String> c : causes.entrySet()) {
                        long t = time(port, c.getValue());
                        if (i >= 0) {
                            samples.get(c.getKey())[i] = t;
                        }
                    }
                }
                System.out.printf("%nfailure floor %s, %d requests per cause (new connection each), latency in µs:%n", floor, rounds);
                System.out.printf("%-36s %8s %8s %8s %8s %8s%n", "cause", "min", "p50", "p90", "p99", "max");
                for (Map.Entry<String, long[]> e : samples.entrySet()) {
                    long[] v = e.getValue().clone();
                    Arrays.sort(v);
                    System.out.printf("%-36s %8.0f %8.0f %8.0f %8.0f %8.0f%n", e.getKey(), v[0] / 1e3, v[v.length / 2] / 1e3,
                            v[(int) (v.length * 0.9)] / 1e3, v[(int) (v.length * 0.99)] / 1e3, v[v.length - 1] / 1e3);
                }
            }
        }
    }

    /** Nanoseconds from writing the request to reading the end of the response head; the status is checked. */
    private static long time(int port, String token) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            byte[] request = ("GET /orders/42 HTTP/1.1\r\nHost: bench\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            int matched = 0;
            StringBuilder head = new StringBuilder();
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before a response: " + head);
                }
                head.append((char) b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            }
            long elapsed = System.nanoTime() - start;
            if (!head.toString().startsWith("HTTP/1.1 401") && !head.toString().startsWith("HTTP/1.1 403")) {
                throw new IllegalStateException("expected a 401 or 403: " + head.substring(0, head.indexOf("\r")));
            }
            return elapsed;
        }
    }
}
