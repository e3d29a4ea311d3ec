package io.portcullis.engine.reference;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.PrefixList;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The semantics of issue 2 written as plainly as possible, for comparison with the indexed engine: every query
 * scans the configuration; nothing is precomputed or indexed. It answers with the labels of every rule that
 * admits the source ({@code ACCOUNT/sg-id ingress[i]}, plus {@code " (inherited by ACCOUNT/sg-id)"} for a rule
 * reached through {@code extends}); an empty set is a denial.
 */
public final class ReferenceEvaluator {

    private final PortcullisConfig c;

    public ReferenceEvaluator(PortcullisConfig config) {
        this.c = config;
    }

    /** A direct caller (empty endpoint) or one arriving through a VPC endpoint. */
    public Set<String> admitting(String apiName, InetAddress address, String endpoint, int protocol, int port, Instant now) {
        IPAddress a = new IPAddressString(address.getHostAddress()).getAddress();
        Api api = c.apis().stream().filter(x -> x.name().equals(apiName)).findFirst().orElse(null);
        if (api == null) {
            return Set.of();
        }
        Optional<String> vpc;
        if (endpoint.isEmpty()) {
            vpc = c.vpcs().stream().filter(v -> connected(api.vpc(), v.id()))
                    .filter(v -> v.cidrs().stream().anyMatch(cidr -> contains(cidr, a))).map(v -> v.id()).findFirst();
        } else {
            Optional<VpcEndpoint> e = c.vpcEndpoints().stream().filter(x -> x.id().equals(endpoint)).findFirst();
            if (e.isEmpty()) {
                return Set.of();
            }
            vpc = Optional.of(e.get().vpc());
        }
        return admittingInVpc(api, a, vpc.orElse(null), protocol, port, now);
    }

    /** A source named as (VPC, address); {@code vpc} null means a caller from no known VPC. */
    public Set<String> admittingInVpc(Api api, IPAddress a, String vpc, int protocol, int port, Instant now) {
        Set<String> groups = new LinkedHashSet<>();
        if (vpc != null) {
            for (Workload w : c.workloads()) {
                if (w.vpc().equals(vpc) && w.addresses().stream().anyMatch(x -> new IPAddressString(x).getAddress().equals(a))) {
                    groups.addAll(effectiveGroups(w));
                }
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (GroupRef attachedRef : api.securityGroups()) {
            SecurityGroup attached = group(attachedRef.key());
            for (SecurityGroup owner : withExtended(attached)) {
                for (int i = 0; i < owner.ingress().size(); i++) {
                    IngressRule r = owner.ingress().get(i);
                    if (trafficMatches(r, protocol, port) && inForce(r, now) && peerMatches(r.from(), attached, groups, a)) {
                        out.add(owner.key() + " ingress[" + i + "]"
                                + (owner.key().equals(attached.key()) ? "" : " (inherited by " + attached.key() + ")"));
                    }
                }
            }
        }
        return out;
    }

    /** Direct groups plus every group that includes one of them, transitively, across connected VPCs only. */
    public Set<String> effectiveGroups(Workload w) {
        Set<String> out = new LinkedHashSet<>();
        w.groups().forEach(g -> out.add(g.key()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SecurityGroup g : c.securityGroups()) {
                for (GroupRef inc : g.includes()) {
                    if (out.contains(inc.key()) && connected(g.vpc(), group(inc.key()).vpc()) && out.add(g.key())) {
                        grew = true;
                    }
                }
            }
        }
        return out;
    }

    private List<SecurityGroup> withExtended(SecurityGroup g) {
        List<SecurityGroup> out = new ArrayList<>();
        List<SecurityGroup> todo = new ArrayList<>(List.of(g));
        while (!todo.isEmpty()) {
            SecurityGroup x = todo.remove(0);
            if (out.stream().noneMatch(y -> y.key().equals(x.key()))) {
                out.add(x);
                x.extendsGroups().forEach(r -> todo.add(group(r.key())));
            }
        }
        return out;
    }

    private boolean peerMatches(Peer from, SecurityGroup attached, Set<String> sourceGroups, IPAddress a) {
        if (from instanceof Peer.Group pg) {
            SecurityGroup target = group(pg.group().key());
            return connected(attached.vpc(), target.vpc()) && sourceGroups.contains(target.key());
        }
        if (from instanceof Peer.Cidr pc) {
            return contains(pc.cidr(), a);
        }
        String id = ((Peer.PrefixListRef) from).prefixList();
        PrefixList pl = c.prefixLists().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        return pl.cidrs().stream().anyMatch(cidr -> contains(cidr, a));
    }

    private static boolean trafficMatches(IngressRule r, int protocol, int port) {
        int p = r.protocol().number();
        if (p == -1) {
            return true;
        }
        if (p != protocol) {
            return false;
        }
        return !(p == 6 || p == 17) || (r.ports().from() <= port && port <= r.ports().to());
    }

    private static boolean inForce(IngressRule r, Instant now) {
        if (r.expires().isPresent() && !now.isBefore(r.expires().get())) {
            return false;
        }
        return r.schedule().map(s -> inSchedule(s, now)).orElse(true);
    }

    /** On the zone's wall clock: [from, to) on a listed day; a window past midnight belongs to its first day. */
    static boolean inSchedule(Schedule s, Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, s.zone());
        LocalTime t = local.toLocalTime();
        if (s.from().isBefore(s.to())) {
            return s.days().contains(local.getDayOfWeek()) && !t.isBefore(s.from()) && t.isBefore(s.to());
        }
        return s.days().contains(local.getDayOfWeek()) && !t.isBefore(s.from())
                || s.days().contains(local.getDayOfWeek().minus(1)) && t.isBefore(s.to());
    }

    private boolean connected(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        for (Connection k : c.connections()) {
            if (k.vpcs().contains(a) && k.vpcs().contains(b)) {
                return true;
            }
        }
        return false;
    }

    private SecurityGroup group(String key) {
        return c.securityGroups().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
    }

    private static boolean contains(String cidr, IPAddress a) {
        IPAddress block = new IPAddressString(cidr).getAddress();
        return block.getIPVersion() == a.getIPVersion() && block.contains(a);
    }
}
