package io.portcullis.bench.engine;

import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Workload;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload that one API admits only because of its groups, and the same workload moved to a group that the
 * API does not admit: toggling between the two flips the decision. Found by search over allowed cases.
 */
final class MembershipMove {

    final Workload admitted;
    final Workload moved;
    final ApiRef api;
    final int address;

    private MembershipMove(Workload admitted, Workload moved, ApiRef api, int address) {
        this.admitted = admitted;
        this.moved = moved;
        this.api = api;
        this.address = address;
    }

    static MembershipMove find(PortcullisConfig c, AccessEngine engine, LinearScan peer) {
        Snapshot s = engine.snapshot();
        long now = SyntheticConfig.NOW.toEpochMilli();
        Map<Integer, Workload> byAddress = new HashMap<>();
        c.workloads().forEach(w -> byAddress.put(LinearScan.ipv4(w.addresses().get(0)), w));
        DecisionCases allowed = DecisionCases.sample(c, s, peer, true, 256);
        for (int k = 0; k < allowed.size(); k++) {
            Workload w = byAddress.get(allowed.callers[k]);
            if (w == null) {
                continue;
            }
            for (var g : c.securityGroups()) {
                if (!g.vpc().equals(w.vpc()) || !g.includes().isEmpty()) {
                    continue;
                }
                Workload candidate = new Workload(w.id(), w.account(), w.vpc(), w.addresses(),
                        List.of(new GroupRef(g.account(), g.id())), w.labels());
                engine.upsertWorkload(candidate);
                boolean deniedNow = !s.decideIpv4(allowed.refs[k], -1, allowed.callers[k], 6, SyntheticConfig.API_PORT, now).allowed();
                engine.upsertWorkload(w);
                if (deniedNow) {
                    return new MembershipMove(w, candidate, allowed.refs[k], allowed.callers[k]);
                }
            }
        }
        throw new IllegalStateException("no workload whose admission depends only on its groups");
    }

    /** Whether the snapshot currently admits the workload to the API. */
    boolean admittedNow(Snapshot s) {
        return s.decideIpv4(api, -1, address, 6, SyntheticConfig.API_PORT, SyntheticConfig.NOW.toEpochMilli()).allowed();
    }
}
