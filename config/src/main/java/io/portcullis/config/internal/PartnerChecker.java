package io.portcullis.config.internal;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.GroupRef;
import io.portcullis.config.Partner;
import io.portcullis.config.Vpc;
import io.portcullis.config.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules that make an address range a caller of its own ({@code partners[]}): one id per caller (partners and
 * workloads share the namespace, since either is the {@code workload} of a request's source), declared groups,
 * one caller per address (partner ranges disjoint from each other's and from every VPC's space, so an address
 * resolves to one thing whatever the API), one partner per certificate identity, and ranges of a bounded size.
 */
final class PartnerChecker {

    /** The widest range a partner may have: a /8 of IPv4, a /32 of IPv6 (a provider allocation). */
    static final int MIN_IPV4_PREFIX = 8;
    static final int MIN_IPV6_PREFIX = 32;

    private final Draft d;
    private final Problems problems;

    PartnerChecker(Draft draft, Problems problems) {
        this.d = draft;
        this.problems = problems;
    }

    void check() {
        Map<String, Located<Workload>> workloads = new HashMap<>();
        d.workloads.forEach(w -> workloads.putIfAbsent(w.value().id(), w));
        Set<String> groups = d.securityGroups.stream().map(g -> g.value().key()).collect(Collectors.toSet());
        Map<String, Located<Partner>> ids = new HashMap<>();
        Map<String, Located<Partner>> certificates = new HashMap<>();
        List<Range> ranges = new ArrayList<>();
        for (Located<Partner> p : d.partners) {
            Partner partner = p.value();
            Located<Partner> first = ids.putIfAbsent(partner.id(), p);
            if (first != null) {
                problems.error(p.where().child(".id"), "duplicate partner '" + partner.id() + "' (first declared at " + at(first.where()) + ")");
            }
            Located<Workload> workload = workloads.get(partner.id());
            if (workload != null) {
                problems.error(p.where().child(".id"), "'" + partner.id() + "' is a workload's id (declared at " + at(workload.where())
                        + "; expected: an id of its own, since a partner is the workload of its requests' source)");
            }
            for (int i = 0; i < partner.groups().size(); i++) {
                GroupRef g = partner.groups().get(i);
                if (!groups.contains(g.key())) {
                    problems.error(p.where().child(".groups[" + i + "]"), "unknown group '" + g.key() + "' (expected: a declared group)");
                }
            }
            for (int i = 0; i < partner.certificates().size(); i++) {
                String c = partner.certificates().get(i);
                Located<Partner> owner = certificates.putIfAbsent(c, p);
                if (owner != null) {
                    problems.error(p.where().child(".certificates[" + i + "]"), "'" + c + "' is already partner '" + owner.value().id()
                            + "''s (expected: one partner per certificate identity)");
                }
            }
            for (int i = 0; i < partner.cidrs().size(); i++) {
                range(p, i, ranges);
            }
            sameAccountAsAnApi(p);
        }
    }

    /** A partner range: bounded, outside every VPC, disjoint from the ranges before it. */
    private void range(Located<Partner> p, int i, List<Range> earlier) {
        String cidr = p.value().cidrs().get(i);
        Problems.Where where = p.where().child(".cidrs[" + i + "]");
        IPAddress a = new IPAddressString(cidr).getAddress();
        int widest = a.isIPv4() ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
        if (a.getNetworkPrefixLength() < widest) {
            problems.error(where, "'" + cidr + "' is wider than a /" + widest + " (expected: the partner's own range: /"
                    + MIN_IPV4_PREFIX + " or narrower for IPv4, /" + MIN_IPV6_PREFIX + " or narrower for IPv6)");
        }
        for (Located<Vpc> v : d.vpcs) {
            for (String space : v.value().cidrs()) {
                if (overlap(a, new IPAddressString(space).getAddress())) {
                    problems.error(where, cidr + " overlaps " + v.value().id() + " " + space
                            + " (expected: a range outside every VPC: an address in a VPC's space is that VPC's)");
                }
            }
        }
        for (Range r : earlier) {
            if (overlap(a, r.address)) {
                problems.error(where, cidr + " overlaps partner '" + r.partner + "' " + r.address.toCanonicalString()
                        + " (expected: disjoint ranges: an address is one partner's)");
            }
        }
        earlier.add(new Range(p.value().id(), a));
    }

    /** A partner in the account of an API is that API's own account there: warn, since it is rarely meant. */
    private void sameAccountAsAnApi(Located<Partner> p) {
        for (Located<Api> api : d.apis) {
            if (api.value().account().equals(p.value().account())) {
                problems.warn(p.where().child(".account"), "partner '" + p.value().id() + "' has the account of API '"
                        + api.value().name() + "' (" + p.value().account() + "): to that API its callers are the same account, "
                        + "which a verified token alone admits (expected: the partner's own account)");
                return;
            }
        }
    }

    private static boolean overlap(IPAddress x, IPAddress y) {
        return x.getIPVersion() == y.getIPVersion() && (x.contains(y) || y.contains(x));
    }

    private static String at(Problems.Where where) {
        return where.file() + (where.file().isEmpty() ? "" : ": ") + where.path();
    }

    private record Range(String partner, IPAddress address) {}
}
