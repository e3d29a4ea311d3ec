package io.portcullis.bench.analysis;

import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.WhoCanInvoke;
import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Reachability;
import io.portcullis.engine.Snapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Target (issue 15): the full who-can-invoke analysis of an estate with 10,000 groups, 100,000 interfaces and 200
 * private APIs in a few seconds. Generates the estate ({@link GeneratedEstate}), then runs {@code runs} times, each
 * timing the phases separately so the figures say where the time goes: the engine compile (shared with
 * {@code validate}), the caller classes ({@link Reachability#of}), the endpoint views' network layer (every distinct
 * (VPC, groups) of the execute-api endpoints, compiled and asked once), and {@link WhoCanInvoke#of} as a whole
 * (which repeats the classes and the views and adds the policy layers for every API and endpoint). The first run is
 * in a cold JVM. A plain harness rather than JMH: the quantity is one long event.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.analysis.WhoCanInvokeHarness
 * [groups] [interfaces] [privateApis] [runs]}.
 */
public final class WhoCanInvokeHarness {

    private WhoCanInvokeHarness() {}

    public static void main(String[] args) {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interfaces = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int apis = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long t0 = System.nanoTime();
        PortcullisConfig config = GeneratedEstate.of(groups, interfaces, apis, 15);
        System.out.printf("estate: %d groups, %d interfaces, %d private APIs, %d execute-api endpoints, %d VPCs; generated in %d ms%n",
                config.securityGroups().size(), config.workloads().size(), config.awsApis().size(), config.vpcEndpoints().size(),
                config.vpcs().size(), ms(t0));
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        for (int run = 0; run < runs; run++) {
            Phase compile = new Phase();
            Snapshot snapshot = AccessEngine.compile(config).snapshot();
            compile.end();
            Phase classes = new Phase();
            Reachability reach = Reachability.of(snapshot);
            classes.end();
            Phase network = new Phase();
            Map<String, Api> views = new LinkedHashMap<>();
            for (VpcEndpoint e : config.vpcEndpoints()) {
                views.putIfAbsent(e.vpc() + e.securityGroups(), new Api(e.vpc() + e.securityGroups(), e.account(), e.vpc(), "0.0.0.0", 443,
                        e.securityGroups()));
            }
            int callers = 0;
            for (ApiRef ref : reach.views(List.copyOf(views.values())).values()) {
                callers += reach.reach(ref, 6, 443, at, Reachability.Scope.CONNECTED_VPCS).size();
            }
            network.end();
            Phase whole = new Phase();
            WhoCanInvoke who = WhoCanInvoke.of(config, snapshot, at);
            whole.end();
            long open = who.apis().stream().filter(x -> x.kind() == ApiAccess.Kind.AWS_PRIVATE).mapToLong(x -> x.open().size()).sum();
            long outside = who.apis().stream().filter(ApiAccess::invocableFromOutside).count();
            System.out.printf("run %d (ms wall/CPU/GC): engine compile %s; caller classes %s (%d classes); endpoint network %s (%d views, "
                            + "%d caller entries); who-can-invoke, all %d APIs, %s (%d open ways, %d APIs invocable from outside)%n",
                    run, compile, classes, reach.classes(), network, views.size(), callers, who.apis().size(), whole, open, outside);
        }
    }

    /** Wall time, this thread's CPU time and GC time of one phase. */
    static final class Phase {
        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();
        private final long gc = gcMillis();
        private String text;

        void end() {
            text = (System.nanoTime() - wall) / 1_000_000 + "/" + (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000 + "/"
                    + (gcMillis() - gc);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, b.getCollectionTime());
        }
        return total;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
