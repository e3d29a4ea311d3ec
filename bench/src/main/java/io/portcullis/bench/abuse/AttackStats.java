package io.portcullis.bench.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What an attack's connections saw, counted from any event loop: connections opened and open (and the peak),
 * how long the ones the proxy closed had lived, and named counters ({@code h1.status.408},
 * {@code h2.rst.REFUSED_STREAM}, {@code h2.streams}, ...). Printed once as a {@code RESULT} line of
 * {@code key=value} pairs for the harness, and as a one-line {@code SUMMARY} for its table.
 */
final class AttackStats {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> lifetimesMillis = new ConcurrentLinkedQueue<>();
    private volatile boolean ending;

    /** From now on connections close because the attack ends, not because of the proxy. */
    void end() {
        ending = true;
    }

    boolean ending() {
        return ending;
    }

    void add(String name, long n) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    void count(String name) {
        add(name, 1);
    }

    long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    void opened() {
        count("opened");
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
    }

    /** A connection that had opened is gone; {@code byPeer} when the proxy (not the attack's end) closed it. */
    void closed(boolean byPeer, long lifetimeMillis) {
        open.decrementAndGet();
        if (byPeer) {
            count("closed_by_peer");
            lifetimesMillis.add(lifetimeMillis);
        }
    }

    int open() {
        return open.get();
    }

    String resultLine(String attack, int openAtEnd) {
        Map<String, Long> all = new TreeMap<>();
        counters.forEach((k, v) -> all.put(k, v.sum()));
        all.put("peak_open", (long) peak.get());
        all.put("open_at_end", (long) openAtEnd);
        all.put("median_life_ms", medianLifetime());
        return "RESULT attack=" + attack + " " + all.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** The table's one-line account of the attack, from whichever counters it produced. */
    String summary(int openAtEnd) {
        List<String> parts = new ArrayList<>();
        parts.add(get("blind") > 0
                ? "%d conns, never read (so the client cannot see the proxy close them)".formatted(peak.get())
                : "conns peak %d, %d open at end".formatted(peak.get(), openAtEnd));
        long byPeer = get("closed_by_peer");
        if (byPeer > 0) {
            parts.add("%d closed by proxy (median after %.1f s)".formatted(byPeer, medianLifetime() / 1000.0));
        }
        if (get("connect_failed") > 0) {
            parts.add("%d connects failed".formatted(get("connect_failed")));
        }
        String statuses = grouped("h1.status.");
        if (!statuses.isEmpty()) {
            parts.add("HTTP " + statuses);
        }
        if (get("h1.no_response") > 0) {
            parts.add("%d closed without response".formatted(get("h1.no_response")));
        }
        for (String frames : List.of("h2.streams", "h2.data_frames", "h2.continuation_frames", "h2.pings",
                "h2.ping_acks", "h1.chunks")) {
            if (get(frames) > 0) {
                parts.add("%s %s".formatted(frames.substring(3).replace('_', ' '), human(get(frames))));
            }
        }
        String h2 = grouped("h2.status.");
        if (!h2.isEmpty()) {
            parts.add("h2 " + h2);
        }
        String rst = grouped("h2.rst.");
        if (!rst.isEmpty()) {
            parts.add("RST " + rst);
        }
        String goaway = grouped("h2.goaway.");
        if (!goaway.isEmpty()) {
            parts.add("GOAWAY " + goaway);
        }
        return String.join("; ", parts);
    }

    private String grouped(String prefix) {
        Map<String, Long> found = new TreeMap<>();
        counters.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.put(k.substring(prefix.length()), v.sum());
            }
        });
        return found.entrySet().stream().map(e -> e.getKey() + "×" + human(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private long medianLifetime() {
        List<Long> l = new ArrayList<>(lifetimesMillis);
        if (l.isEmpty()) {
            return 0;
        }
        l.sort(null);
        return l.get(l.size() / 2);
    }

    static String human(long n) {
        if (n >= 10_000_000) {
            return (n / 1_000_000) + "M";
        }
        if (n >= 10_000) {
            return (n / 1_000) + "k";
        }
        return Long.toString(n);
    }
}
