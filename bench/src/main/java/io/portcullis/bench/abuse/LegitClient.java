package io.portcullis.bench.abuse;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The legitimate workload: GET requests at a fixed rate from its own source address, each on a fresh connection
 * ({@code Connection: close}), so that every request also goes through accept and the network guard, which is
 * what several attacks press on. The schedule is open-loop: request i starts at {@code start + i / rate} whether
 * or not earlier ones have finished, and its latency runs from that scheduled instant to the last byte of the
 * response, so a stalled proxy shows as latency rather than as fewer requests.
 *
 * <p>A request succeeds with status 200 and its whole body within {@code --timeout-ms}; otherwise it failed
 * (connect error, closed, timeout, other status). The first {@code --warmup} seconds are sent but not counted.
 * Prints a {@code RESULT} line: the success share, percentiles of the successful requests, and {@code
 * p99_all_us}, the 99th percentile with every failure counted as infinitely slow (-1 when more than 1% failed), and
 * {@code client_lag_max_us}, how late this client itself started a request (a starved client, not the proxy).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.portcullis.bench.abuse.LegitClient --target=HOST:PORT --source=IP
 *     [--rate=100] [--seconds=5] [--warmup=1] [--timeout-ms=2000] [--path=/fast] [--raw=FILE]</pre>
 */
public final class LegitClient {

    private LegitClient() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, 0);
        InetSocketAddress target = o.endpoint("target");
        InetAddress source = o.address("source");
        int rate = o.positive("rate", 100);
        Duration measured = o.seconds("seconds", 5);
        double warmup = Double.parseDouble(o.string("warmup", "1"));
        Duration timeout = o.millis("timeout-ms", 2000);
        String path = o.string("path", "/fast");
        int skipped = (int) Math.round(warmup * rate);
        int total = skipped + (int) Math.round(measured.toNanos() / 1e9 * rate);
        LegitProbe.Outcome[] outcomes = new LegitProbe.Outcome[total];
        long[] latencies = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        long maxLag = 0;
        try (Loops loops = Loops.create(1)) {
            Bootstrap b = new Bootstrap().group(loops.group()).channel(loops.channelType())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()));
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime() + 50_000_000L;
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i >= skipped) {
                    maxLag = Math.max(maxLag, System.nanoTime() - scheduled);
                }
                int index = i;
                LegitProbe probe = new LegitProbe(path, scheduled, timeout, (outcome, latency) -> {
                    outcomes[index] = outcome;
                    latencies[index] = latency;
                    done.countDown();
                });
                ChannelFuture f = b.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(probe);
                    }
                }).connect(target, new InetSocketAddress(source, 0));
                probe.watch(f, loops.group().next());
            }
            if (!done.await(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                System.err.println("legit: requests still unfinished 10 s after their timeout");
            }
        }
        report(Arrays.copyOfRange(outcomes, skipped, total), Arrays.copyOfRange(latencies, skipped, total),
                measured, maxLag, o.string("raw", null));
    }

    private static void report(LegitProbe.Outcome[] outcomes, long[] latencies, Duration measured, long maxLag,
            String raw) throws IOException {
        int n = outcomes.length;
        Map<String, Integer> failures = new TreeMap<>();
        long[] ok = new long[n];
        long[] all = new long[n];
        int okCount = 0;
        for (int i = 0; i < n; i++) {
            LegitProbe.Outcome out = outcomes[i] == null ? LegitProbe.Outcome.unfinished() : outcomes[i];
            if (out.ok()) {
                ok[okCount++] = latencies[i];
                all[i] = latencies[i];
            } else {
                failures.merge(out.label(), 1, Integer::sum);
                all[i] = Long.MAX_VALUE;
            }
        }
        ok = Arrays.copyOf(ok, okCount);
        Arrays.sort(ok);
        Arrays.sort(all);
        long p99All = n == 0 ? -1 : all[(int) Math.ceil(0.99 * n) - 1];
        StringBuilder line = new StringBuilder("RESULT");
        line.append(" requests=").append(n).append(" ok=").append(okCount)
                .append(" ok_pct=").append(String.format("%.2f", n == 0 ? 0 : 100.0 * okCount / n))
                .append(" p50_us=").append(percentile(ok, 0.50)).append(" p90_us=").append(percentile(ok, 0.90))
                .append(" p99_us=").append(percentile(ok, 0.99))
                .append(" max_us=").append(okCount == 0 ? -1 : ok[okCount - 1] / 1000)
                .append(" p99_all_us=").append(p99All == Long.MAX_VALUE ? -1 : p99All / 1000)
                .append(" client_lag_max_us=").append(maxLag / 1000)
                .append(" seconds=").append(measured.toSeconds())
                .append(" failures=").append(failures.isEmpty() ? "none" : failures.entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue()).reduce((a, c) -> a + "," + c).orElseThrow());
        System.out.println(line);
        if (raw != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(raw)))) {
                for (int i = 0; i < n; i++) {
                    LegitProbe.Outcome out = outcomes[i] == null ? LegitProbe.Outcome.unfinished() : outcomes[i];
                    w.printf("%d %s %d%n", i, out.label(), latencies[i] / 1000);
                }
            }
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.ceil(q * sorted.length) - 1] / 1000;
    }
}
