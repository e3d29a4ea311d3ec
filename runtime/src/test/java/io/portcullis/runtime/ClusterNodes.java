package io.portcullis.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gateway nodes in this JVM sharing one Redis (a unique key prefix per instance): each a real {@link Node} on its
 * own loopback port, all in front of one upstream, with the same configuration but for the listen port. The
 * callers are the workloads {@code client-1} to {@code client-9} (127.0.1.11 to 127.0.1.19, one address each, so
 * each has its own refusal budget) and {@code attacker-1} (127.0.1.21).
 */
final class ClusterNodes implements AutoCloseable {

    final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final List<Node> nodes = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();

    /**
     * Starts {@code count} nodes, each with its configuration in {@code dir/node-N/} (files shared by the nodes are
     * {@code ../NAME}); {@code extra} is added to every node's configuration (top-level sections) and {@code api} to
     * the API's entry (its serving fields).
     */
    ClusterNodes(Path dir, int count, String upstream, int redisPort, String extra, String api) throws IOException {
        this(dir, count, upstream, redisPort, "timeout: 2s, fallbackAfter: 5s", extra, api);
    }

    /** As above, with the timings of {@code cluster.redis} ({@code timeout: 1s, fallbackAfter: 2s}, say). */
    ClusterNodes(Path dir, int count, String upstream, int redisPort, String timings, String extra, String api)
            throws IOException {
        this(dir, count, upstream, redisPort, timings, n -> extra, api);
    }

    /** As above, with top-level sections of each node's own ({@code extra} of the node's index). */
    ClusterNodes(Path dir, int count, String upstream, int redisPort, String timings,
                 java.util.function.IntFunction<String> extra, String api) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                int port = LoopbackClient.freePort();
                Path config = Files.createDirectories(dir.resolve("node-" + i)).resolve("portcullis.yaml");
                Files.writeString(config, """
                        accounts: [{id: "111111111111", name: trading}]
                        vpcs: [{id: vpc-trading, account: "111111111111", cidrs: [127.0.1.0/24]}]
                        securityGroups:
                          - id: sg-api
                            account: "111111111111"
                            vpc: vpc-trading
                            ingress: [{protocol: tcp, ports: 1-65535, from: {group: sg-clients}}]
                          - {id: sg-clients, account: "111111111111", vpc: vpc-trading}
                        workloads:
                        %9$s
                          - {id: attacker-1, account: "111111111111", vpc: vpc-trading, groups: [sg-clients], addresses: [127.0.1.21]}
                        cluster:
                          nodeId: node-%1$d
                          redis: {uri: "redis://127.0.0.1:%2$d", keyPrefix: %3$s, %8$s, presenceTtl: 2s}
                        %6$s
                        apis:
                          - name: orders
                            account: "111111111111"
                            vpc: vpc-trading
                            listen: "127.0.0.1:%4$d"
                            securityGroups: [sg-api]
                            upstream: "%5$s"
                        %7$s
                        """.formatted(i, redisPort, prefix, port, upstream, extra.apply(i), api.indent(4), timings, clients()));
                nodes.add(Node.builder(List.of(config)).build().start());
                ports.add(port);
            }
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    private static String clients() {
        StringBuilder out = new StringBuilder();
        for (int c = 1; c <= 9; c++) {
            out.append("  - {id: client-").append(c).append(", account: \"111111111111\", vpc: vpc-trading, ")
                    .append("groups: [sg-clients], addresses: [127.0.1.").append(10 + c).append("]}\n");
        }
        return out.toString().stripTrailing();
    }

    /** Waits until every node counts {@code count} live nodes and uses the shared buckets. */
    void awaitJoined(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!nodes.stream().allMatch(n -> n.cluster().orElseThrow().link().available()
                && n.cluster().orElseThrow().link().liveNodes() == count)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nodes did not join: " + nodes.stream().map(n -> n.cluster().orElseThrow()
                        .link().liveNodes() + "/" + n.cluster().orElseThrow().link().available()).toList());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Keep-alive clients, spread over the nodes, calling {@code GET /orders} until stopped; counts per status. A
     * client refused with 429 waits 25 ms before its next request (as a polite client would; a client that keeps
     * hammering sits out the gateway's penalty for repeated refusals, which is not what these tests measure).
     */
    static final class Load implements AutoCloseable {
        final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong first = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(List<Integer> ports, int clients) {
            for (int c = 0; c < clients; c++) {
                int port = ports.get(c % ports.size());
                String from = "127.0.1." + (11 + c % 9);
                Thread t = new Thread(() -> run(from, port), "load-" + c);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
        }

        private void run(String from, int port) {
            while (running.get()) {
                try (LoopbackClient client = new LoopbackClient(from, port)) {
                    while (running.get()) {
                        first.compareAndSet(0, System.nanoTime());
                        int status = client.get("/orders");
                        last.accumulateAndGet(System.nanoTime(), Math::max);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status < 0) {
                            break;
                        }
                        if (status == 429) {
                            Thread.sleep(25);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    statuses.computeIfAbsent(-2, s -> new LongAdder()).increment();
                }
            }
        }

        /** Seconds from the first request sent to the last response read. */
        double seconds() {
            return (last.get() - first.get()) / 1e9;
        }

        long count(int status) {
            LongAdder a = statuses.get(status);
            return a == null ? 0 : a.sum();
        }

        /** Every status seen but 200 and 429, with its count. */
        java.util.Map<Integer, Long> others() {
            java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
            statuses.forEach((s, n) -> {
                if (s != 200 && s != 429) {
                    out.put(s, n.sum());
                }
            });
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(15_000);
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
    }
}
