package io.portcullis.bench.engine;

import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sampled (API, caller) pairs the engine allows and denies on tcp/8443 at {@link SyntheticConfig#NOW}, each
 * cross-checked against {@link LinearScan} so the benchmark compares two implementations that agree.
 * Callers are workloads of the API's own or connected VPCs; denied cases include a few addresses outside every
 * VPC. Benchmarks cycle through the arrays so branch predictors and caches see realistic variety.
 */
final class DecisionCases {

    final ApiRef[] refs;
    final String[] apis;
    final int[] callers;

    private DecisionCases(List<ApiRef> refs, List<String> apis, List<Integer> callers) {
        this.refs = refs.toArray(ApiRef[]::new);
        this.apis = apis.toArray(String[]::new);
        this.callers = callers.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return callers.length;
    }

    /** Up to {@code count} cases (a power of two) with the wanted verdict; fails if the peer disagrees. */
    static DecisionCases sample(PortcullisConfig c, Snapshot s, LinearScan peer, boolean allowed, int count) {
        if (Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: a power of two)");
        }
        SplittableRandom rnd = new SplittableRandom(allowed ? 7 : 11);
        List<ApiRef> refs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> callers = new ArrayList<>();
        long now = SyntheticConfig.NOW.toEpochMilli();
        int workloads = c.workloads().size();
        for (int attempt = 0; refs.size() < count && attempt < count * 2000; attempt++) {
            Api api = c.apis().get(rnd.nextInt(c.apis().size()));
            int caller = !allowed && attempt % 16 == 0 ? 0xC0000200 | rnd.nextInt(256) : SyntheticConfig.address(rnd.nextInt(workloads));
            ApiRef ref = s.api(api.name()).orElseThrow();
            boolean engine = s.decideIpv4(ref, -1, caller, 6, SyntheticConfig.API_PORT, now).allowed();
            if (engine != allowed) {
                continue;
            }
            if (peer.allows(api.name(), caller, 6, SyntheticConfig.API_PORT, now) != engine) {
                throw new IllegalStateException("engine and linear scan disagree for " + api.name() + " from " + ipString(caller));
            }
            refs.add(ref);
            names.add(api.name());
            callers.add(caller);
        }
        if (refs.isEmpty()) {
            throw new IllegalStateException("no " + (allowed ? "allowed" : "denied") + " case found");
        }
        int found = refs.size();
        while (refs.size() < count) { // repeat to a power of two so the index wraps with a mask
            int i = refs.size() % found;
            refs.add(refs.get(i));
            names.add(names.get(i));
            callers.add(callers.get(i));
        }
        return new DecisionCases(refs, names, callers);
    }

    static String ipString(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }
}
