package io.portcullis.config.internal;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.settings.RateLimitScope;
import io.portcullis.settings.RateLimitSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks what no single element can check alone: unique ids, references to accounts, VPCs, groups and prefix
 * lists, group placement, address space, cycles in {@code includes}/{@code extends}, overlapping connected
 * VPCs, routes an earlier route makes unreachable, and partners ({@link PartnerChecker}). Reports errors and
 * warnings; never stops at the first.
 */
public final class CrossChecker {

    private final Draft d;
    private final Problems problems;
    private final Clock clock;
    private final Map<String, Located<Vpc>> vpcs = new HashMap<>();
    private final Map<String, Located<SecurityGroup>> groups = new HashMap<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> prefixLists = new HashSet<>();
    private Connectivity connectivity;

    public CrossChecker(Draft draft, Problems problems, Clock clock) {
        this.d = draft;
        this.problems = problems;
        this.clock = clock;
    }

    public void check() {
        unique(d.accounts, a -> a.id(), "account");
        d.accounts.forEach(a -> accounts.add(a.value().id()));
        unique(d.vpcs, Vpc::id, "VPC").forEach(vpcs::put);
        unique(d.vpcEndpoints, e -> e.id(), "VPC endpoint");
        unique(d.prefixLists, p -> p.id(), "prefix list").keySet().forEach(prefixLists::add);
        unique(d.securityGroups, SecurityGroup::key, "security group").forEach(groups::put);
        unique(d.workloads, Workload::id, "workload");
        unique(d.apis, Api::name, "API");
        unique(d.apis, Api::listen, "listen address");

        d.vpcs.forEach(v -> account(v.value().account(), v.where().child(".account")));
        connections();
        d.vpcEndpoints.forEach(this::endpoint);
        d.securityGroups.forEach(this::group);
        new CycleFinder(d.securityGroups, problems).check();
        workloads();
        new PartnerChecker(d, problems).check();
        d.apis.forEach(this::api);
        unique(d.awsApis, AwsApi::id, "AWS API");
        d.awsApis.forEach(a -> account(a.value().account(), a.where().child(".account")));
    }

    private void endpoint(Located<VpcEndpoint> e) {
        VpcEndpoint v = e.value();
        if (!v.account().isEmpty()) {
            account(v.account(), e.where().child(".account"));
        }
        if (vpc(v.vpc(), e.where().child(".vpc"))) {
            placed(v.securityGroups(), v.vpc(), e.where().child(".securityGroups"), "endpoint");
        }
    }

    private <T> Map<String, Located<T>> unique(List<Located<T>> list, Function<T, String> key, String what) {
        Map<String, Located<T>> seen = new HashMap<>();
        for (Located<T> e : list) {
            Located<T> first = seen.putIfAbsent(key.apply(e.value()), e);
            if (first != null) {
                problems.error(e.where(), "duplicate " + what + " '" + key.apply(e.value()) + "' (first declared at "
                        + first.where().file() + (first.where().file().isEmpty() ? "" : ": ") + first.where().path() + ")");
            }
        }
        return seen;
    }

    private void account(String id, Problems.Where where) {
        if (!accounts.contains(id)) {
            problems.error(where, "unknown account '" + id + "' (expected: an id declared under accounts)");
        }
    }

    private boolean vpc(String id, Problems.Where where) {
        if (!vpcs.containsKey(id)) {
            problems.error(where, "unknown VPC '" + id + "' (expected: an id declared under vpcs)");
            return false;
        }
        return true;
    }

    private void connections() {
        for (Located<Connection> c : d.connections) {
            List<String> ids = c.value().vpcs();
            for (int i = 0; i < ids.size(); i++) {
                vpc(ids.get(i), c.where().child(".vpcs[" + i + "]"));
            }
            if (new HashSet<>(ids).size() != ids.size()) {
                problems.error(c.where().child(".vpcs"), "a VPC is listed twice (expected: distinct VPCs)");
            }
        }
        connectivity = new Connectivity(d.connections.stream().map(Located::value).toList());
        // Overlapping address space makes a source address ambiguous when the two VPCs are connected, or when
        // both are connected to a third VPC (an API there could not tell which of them a caller came from).
        for (Located<Vpc> a : d.vpcs) {
            for (Located<Vpc> b : d.vpcs) {
                String x = a.value().id();
                String y = b.value().id();
                if (x.compareTo(y) >= 0) {
                    continue;
                }
                if (connectivity.connected(x, y)) {
                    overlap(a, b, "the two VPCs are connected");
                } else {
                    d.vpcs.stream().map(v -> v.value().id())
                            .filter(z -> connectivity.peersOf(z).contains(x) && connectivity.peersOf(z).contains(y))
                            .findFirst().ifPresent(z -> overlap(a, b, "both are connected to " + z));
                }
            }
        }
    }

    private void overlap(Located<Vpc> a, Located<Vpc> b, String why) {
        for (String ca : a.value().cidrs()) {
            for (String cb : b.value().cidrs()) {
                IPAddress x = new IPAddressString(ca).getAddress();
                IPAddress y = new IPAddressString(cb).getAddress();
                if (x.getIPVersion() == y.getIPVersion() && (x.contains(y) || y.contains(x))) {
                    problems.error(b.where().child(".cidrs"), b.value().id() + " " + cb + " overlaps " + a.value().id() + " " + ca
                            + " and " + why + " (expected: disjoint address space between VPCs a caller could come from)");
                }
            }
        }
    }

    private void group(Located<SecurityGroup> g) {
        SecurityGroup sg = g.value();
        account(sg.account(), g.where().child(".account"));
        boolean vpcOk = vpc(sg.vpc(), g.where().child(".vpc"));
        for (int i = 0; i < sg.ingress().size(); i++) {
            IngressRule r = sg.ingress().get(i);
            Problems.Where where = g.where().child(".ingress[" + i + "]");
            if (r.from() instanceof Peer.Group pg && vpcOk) {
                reference(pg.group(), sg, where.child(".from.group"), "a group reference");
            } else if (r.from() instanceof Peer.PrefixListRef pl && !prefixLists.contains(pl.prefixList())) {
                problems.error(where.child(".from.prefixList"), "unknown prefix list '" + pl.prefixList() + "' (expected: an id declared under prefixLists)");
            }
            r.expires().filter(e -> !e.isAfter(clock.instant())).ifPresent(e ->
                    problems.warn(where.child(".expires"), "rule expired at " + e + "; it matches nothing"));
        }
        for (int i = 0; i < sg.includes().size(); i++) {
            if (vpcOk) {
                reference(sg.includes().get(i), sg, g.where().child(".includes[" + i + "]"), "an inclusion");
            }
        }
        for (int i = 0; i < sg.extendsGroups().size(); i++) {
            GroupRef ref = sg.extendsGroups().get(i);
            if (!groups.containsKey(ref.key())) {
                problems.error(g.where().child(".extends[" + i + "]"), "unknown group '" + ref.key() + "' (expected: a declared group)");
            }
        }
    }

    /** A group referenced from {@code owner}: it must exist; across unconnected VPCs it is stale. */
    private void reference(GroupRef ref, SecurityGroup owner, Problems.Where where, String what) {
        Located<SecurityGroup> target = groups.get(ref.key());
        if (target == null) {
            problems.error(where, "unknown group '" + ref.key() + "' (expected: a group of a declared account in a VPC connected to " + owner.vpc() + ")");
        } else if (vpcs.containsKey(target.value().vpc()) && !connectivity.connected(owner.vpc(), target.value().vpc())) {
            problems.warn(where, "stale reference: " + ref.key() + " is in " + target.value().vpc() + ", which is not connected to "
                    + owner.vpc() + "; " + what + " across unconnected VPCs matches nothing");
        }
    }

    private void workloads() {
        Map<String, String> addressOwner = new HashMap<>();
        Map<String, List<IPAddress>> space = new HashMap<>(); // each VPC's CIDRs, parsed once
        for (Located<Workload> w : d.workloads) {
            Workload wl = w.value();
            account(wl.account(), w.where().child(".account"));
            if (!vpc(wl.vpc(), w.where().child(".vpc"))) {
                continue;
            }
            Vpc v = vpcs.get(wl.vpc()).value();
            for (int i = 0; i < wl.addresses().size(); i++) {
                String addr = wl.addresses().get(i);
                Problems.Where where = w.where().child(".addresses[" + i + "]");
                IPAddress a = new IPAddressString(addr).getAddress();
                List<IPAddress> cidrs = space.computeIfAbsent(v.id(), k -> v.cidrs().stream().map(c -> new IPAddressString(c).getAddress()).toList());
                if (cidrs.stream().noneMatch(c -> c.contains(a))) {
                    problems.error(where, "'" + addr + "' is outside " + v.id() + " (expected: an address in " + String.join(", ", v.cidrs()) + ")");
                }
                String prev = addressOwner.putIfAbsent(wl.vpc() + "|" + addr, wl.id());
                if (prev != null) {
                    problems.error(where, "'" + addr + "' in " + wl.vpc() + " already belongs to workload '" + prev + "' (expected: one workload per address in a VPC)");
                }
            }
            placed(wl.groups(), wl.vpc(), w.where().child(".groups"), "workload");
        }
    }

    private void api(Located<Api> a) {
        account(a.value().account(), a.where().child(".account"));
        if (vpc(a.value().vpc(), a.where().child(".vpc"))) {
            placed(a.value().securityGroups(), a.value().vpc(), a.where().child(".securityGroups"), "API");
        }
        RouteShadowing.check(a, problems);
        globalLimits(a.value().serving().limits().rateLimits(), a.where().child(".limits.rateLimits"));
        var routes = a.value().serving().routes();
        for (int r = 0; r < routes.size(); r++) {
            globalLimits(routes.get(r).settings().rateLimits(), a.where().child(".routes[" + r + "].limits.rateLimits"));
        }
    }

    /** A global limit is held in the cluster store, so it needs one: the node must not fall back silently. */
    private void globalLimits(List<RateLimitSettings> limits, Problems.Where where) {
        for (int i = 0; i < limits.size(); i++) {
            if (limits.get(i).scope() == RateLimitScope.GLOBAL && d.cluster == null) {
                problems.error(where.child("[" + i + "].scope"), "global needs the cluster store (expected: a cluster "
                        + "section with redis, or scope local)");
            }
        }
    }

    /** Groups attached to something in {@code vpc} must exist and belong to that VPC, as on an AWS interface. */
    private void placed(List<GroupRef> refs, String vpc, Problems.Where where, String what) {
        for (int i = 0; i < refs.size(); i++) {
            Located<SecurityGroup> g = groups.get(refs.get(i).key());
            if (g == null) {
                problems.error(where.child("[" + i + "]"), "unknown group '" + refs.get(i).key() + "' (expected: a declared group in " + vpc + ")");
            } else if (!g.value().vpc().equals(vpc)) {
                problems.error(where.child("[" + i + "]"), "group '" + refs.get(i).key() + "' is in " + g.value().vpc()
                        + " (expected: a group of the " + what + "'s VPC " + vpc + ")");
            }
        }
    }
}
