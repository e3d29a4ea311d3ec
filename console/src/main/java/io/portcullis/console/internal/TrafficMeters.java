package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.portcullis.gateway.metrics.GatewayMetrics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The Traffic view's figures, read from the node's own meters (the ones {@code /metrics} exposes) once per tick:
 * requests per API ({@value GatewayMetrics#REQUESTS}), decisions by API, stage, verdict, layer and reason
 * ({@value GatewayMetrics#DECISIONS}), latency percentiles from the {@value GatewayMetrics#DURATION} histogram's
 * buckets (as Prometheus's {@code histogram_quantile} reads them, over the last {@value #WINDOW} ticks), and the
 * audit lag ({@code portcullis.audit.queued}). Nothing is counted here: totals are the meters' values and rates
 * their differences between ticks, so the console and {@code /metrics} agree. One sampler thread calls
 * {@link #sample}; the cost is a walk over the registry per tick, whatever the traffic.
 */
final class TrafficMeters {

    static final int WINDOW = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cumulative figures of one tick. */
    private record Tick(long nanos, Map<String, Double> requests, Map<String, double[]> buckets, double[] bounds) {}

    private final MeterRegistry registry;
    private final Deque<Tick> ticks = new ArrayDeque<>();

    TrafficMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The figures now, as the JSON the view renders ({@code apis}, {@code decisions}, {@code auditLag}). */
    ObjectNode sample(long nanos) {
        Map<String, Double> requests = new TreeMap<>();
        Map<String, double[]> buckets = new TreeMap<>();
        double[][] bounds = {null};
        Map<String, ObjectNode> decisions = new TreeMap<>();
        double auditLag = -1;
        for (Meter m : registry.getMeters()) {
            String name = m.getId().getName();
            if (name.equals(GatewayMetrics.REQUESTS) && m instanceof Counter c) {
                requests.merge(m.getId().getTag("api"), c.count(), Double::sum);
            } else if (name.equals(GatewayMetrics.DURATION) && m instanceof Timer t) {
                CountAtBucket[] counts = t.takeSnapshot().histogramCounts();
                if (bounds[0] == null || bounds[0].length != counts.length) {
                    bounds[0] = new double[counts.length];
                    for (int i = 0; i < counts.length; i++) {
                        bounds[0][i] = counts[i].bucket(TimeUnit.MILLISECONDS);
                    }
                }
                double[] sum = buckets.computeIfAbsent(m.getId().getTag("api"), k -> new double[counts.length]);
                for (int i = 0; i < counts.length && i < sum.length; i++) {
                    sum[i] += counts[i].count();
                }
            } else if (name.equals(GatewayMetrics.DECISIONS) && m instanceof Counter c) {
                Meter.Id id = m.getId();
                String key = id.getTag("api") + '\0' + id.getTag("stage") + '\0' + id.getTag("verdict") + '\0'
                        + id.getTag("layer") + '\0' + id.getTag("reason");
                decisions.put(key, JSON.createObjectNode().put("api", id.getTag("api")).put("stage", id.getTag("stage"))
                        .put("verdict", id.getTag("verdict")).put("layer", id.getTag("layer"))
                        .put("reason", id.getTag("reason")).put("count", (long) c.count()));
            } else if (name.equals("portcullis.audit.queued") && m instanceof Gauge g) {
                auditLag = g.value();
            }
        }
        Tick now = new Tick(nanos, requests, buckets, bounds[0]);
        Tick previous = ticks.peekLast();
        Tick oldest = ticks.peekFirst();
        ticks.addLast(now);
        while (ticks.size() > WINDOW) {
            ticks.removeFirst();
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode apis = root.putArray("apis");
        for (var e : requests.entrySet()) {
            ObjectNode api = apis.addObject().put("api", e.getKey()).put("requests", e.getValue().longValue())
                    .put("rps", rate(e.getValue(), previous == null ? null : previous.requests().get(e.getKey()), now, previous));
            double[] window = delta(buckets.get(e.getKey()), oldest == null ? null : oldest.buckets().get(e.getKey()));
            for (double q : new double[] {0.5, 0.95, 0.99}) {
                double v = quantile(q, window, bounds[0]);
                String field = "p" + Math.round(q * 100);
                if (Double.isNaN(v)) {
                    api.putNull(field);
                } else {
                    api.put(field, Math.round(v * 100) / 100.0);
                }
            }
        }
        ArrayNode rows = root.putArray("decisions");
        decisions.values().forEach(rows::add);
        if (auditLag >= 0) {
            root.put("auditLag", (long) auditLag);
        } else {
            root.putNull("auditLag");
        }
        return root;
    }

    private static double rate(double now, Double before, Tick at, Tick previous) {
        if (previous == null || before == null) {
            return 0;
        }
        double seconds = (at.nanos() - previous.nanos()) / 1e9;
        return seconds <= 0 ? 0 : Math.round((now - before) / seconds * 10) / 10.0;
    }

    private static double[] delta(double[] now, double[] before) {
        if (now == null) {
            return null;
        }
        double[] out = now.clone();
        if (before != null && before.length == now.length) {
            for (int i = 0; i < out.length; i++) {
                out[i] -= before[i];
            }
        }
        return out;
    }

    /**
     * The {@code q} quantile of cumulative bucket counts, interpolated linearly inside the bucket that holds it
     * (Prometheus's {@code histogram_quantile}); NaN without observations or beyond the last bound.
     */
    static double quantile(double q, double[] cumulative, double[] bounds) {
        if (cumulative == null || bounds == null || cumulative.length == 0) {
            return Double.NaN;
        }
        double total = cumulative[cumulative.length - 1];
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                double below = i == 0 ? 0 : cumulative[i - 1];
                double inBucket = cumulative[i] - below;
                return inBucket <= 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
            }
        }
        return Double.NaN;
    }
}
