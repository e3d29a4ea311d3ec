package io.portcullis.engine;

import static java.util.Objects.requireNonNull;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Workload;
import io.portcullis.engine.internal.Addr;
import io.portcullis.engine.internal.Compiler;
import io.portcullis.engine.internal.Model;
import io.portcullis.engine.internal.WorkloadEntry;
import io.portcullis.engine.internal.WorkloadIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine: compiles a validated configuration into a {@link Snapshot} and applies workload membership changes
 * (add, remove, move between groups) to it without recompiling rules.
 *
 * <p>Readers call {@link #snapshot()} and decide on it; nothing they touch is locked. Membership changes are
 * serialized among themselves and become visible to decisions as soon as the call returns (one volatile write per
 * address). A configuration reload builds a new engine off the request path; the caller swaps references.
 */
public final class AccessEngine {

    private final Snapshot snapshot;
    private final Map<String, Workload> workloads;

    private AccessEngine(Snapshot snapshot, int workloads) {
        this.snapshot = snapshot;
        this.workloads = new HashMap<>(workloads + workloads / 3 + 1);
    }

    public static AccessEngine compile(PortcullisConfig config) {
        requireNonNull(config, "config");
        Model model = Compiler.model(config);
        int addresses = 0;
        for (Workload w : config.workloads()) {
            addresses += w.addresses().size();
        }
        WorkloadIndex index = new WorkloadIndex(addresses);
        AccessEngine engine = new AccessEngine(new Snapshot(model, Compiler.apis(model), index, Compiler.partners(model)),
                config.workloads().size());
        for (Workload w : config.workloads()) {
            engine.index(w, Compiler.entry(model, w, index));
        }
        return engine;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Adds a workload or replaces one with the same id (moving it between groups or addresses). */
    public synchronized void upsertWorkload(Workload w) {
        requireNonNull(w, "w");
        Model m = snapshot.model();
        List<String> errors = check(m, w);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("workload '" + w.id() + "': " + String.join("; ", errors));
        }
        Workload old = workloads.get(w.id());
        WorkloadEntry entry = Compiler.entry(m, w, snapshot.workloads());
        if (old != null) {
            // Clear addresses the workload no longer has; the others are overwritten below.
            for (String a : old.addresses()) {
                if (!old.vpc().equals(w.vpc()) || !w.addresses().contains(a)) {
                    put(m, old.vpc(), a, null);
                }
            }
        }
        index(w, entry);
    }

    /** Removes a workload; its addresses match no group rule afterwards. Returns false if it was unknown. */
    public synchronized boolean removeWorkload(String id) {
        Workload old = workloads.remove(id);
        if (old == null) {
            return false;
        }
        old.addresses().forEach(a -> put(snapshot.model(), old.vpc(), a, null));
        return true;
    }

    private void index(Workload w, WorkloadEntry entry) {
        workloads.put(w.id(), w);
        for (String a : w.addresses()) {
            put(snapshot.model(), w.vpc(), a, entry);
        }
    }

    private void put(Model m, String vpc, String address, WorkloadEntry entry) {
        Addr.Prefix p = Addr.parse(address);
        snapshot.workloads().put(m.vpcIndex().get(vpc), p.family(), p.hi(), p.lo(), entry);
    }

    private List<String> check(Model m, Workload w) {
        List<String> errors = new ArrayList<>();
        if (snapshot.partners().byId(w.id()) != null) {
            errors.add("'" + w.id() + "' is a partner's id");
        }
        Integer vpc = m.vpcIndex().get(w.vpc());
        if (vpc == null) {
            errors.add("unknown VPC '" + w.vpc() + "'");
            return errors;
        }
        for (GroupRef g : w.groups()) {
            Integer gi = m.groupIndex().get(g.key());
            if (gi == null) {
                errors.add("unknown group '" + g.key() + "'");
            } else if (m.groupVpc()[gi] != vpc) {
                errors.add("group '" + g.key() + "' is in " + m.vpcIds().get(m.groupVpc()[gi]) + " (expected: a group of " + w.vpc() + ")");
            }
        }
        for (String a : w.addresses()) {
            IPAddress ip = new IPAddressString(a).getAddress();
            if (ip == null || ip.isPrefixed()) {
                errors.add("'" + a + "' is not an address");
            } else if (m.vpcCidrs().get(vpc).stream().noneMatch(c -> c.contains(ip))) {
                errors.add("'" + a + "' is outside " + w.vpc());
            } else {
                long[] h = Addr.halves(ip);
                WorkloadEntry owner = snapshot.workloads().get(vpc, ip.isIPv4() ? 4 : 6, h[0], h[1]);
                if (owner != null && !owner.id().equals(w.id())) {
                    errors.add("'" + a + "' already belongs to workload '" + owner.id() + "'");
                }
            }
        }
        return errors;
    }
}
