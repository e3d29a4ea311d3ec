package io.portcullis.estate.map;

import inet.ipaddr.IPAddress;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ReportEntry.Category;
import io.portcullis.estate.write.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Connections: each active peering, and one transit-gateway connection per transit gateway with the VPCs
 * attached to it ({@code available} VPC attachments). Transit gateway route tables are not represented: the VPCs
 * attached to one gateway are assumed to reach each other (reported once per gateway).
 *
 * <p>The configuration refuses overlapping address space between VPCs a caller could come from (connected, or
 * both connected to a third). AWS refuses overlapping peers but not every such case (two overlapping VPCs peered
 * with a third, or attached to one transit gateway), so connections are added in a fixed order (peerings, then
 * gateways, each by id, members by VPC id) and one that would make such an overlap is left out and reported.
 */
final class ConnectionMapper {

    private final Scope scope;
    private final Map<String, Set<String>> reach = new HashMap<>();

    ConnectionMapper(Scope scope) {
        this.scope = scope;
    }

    List<Item> map() {
        List<Item> out = new ArrayList<>();
        List<AwsEstate.Peering> peerings = new ArrayList<>(scope.estate.peerings);
        peerings.sort(Comparator.comparing(AwsEstate.Peering::id));
        Set<String> seen = new HashSet<>();
        for (AwsEstate.Peering p : peerings) {
            String what = "peering " + p.id();
            if (!seen.add(p.id())) {
                continue; // both sides' exports list it
            }
            if (!p.status().equals("active")) {
                scope.report.add(Category.IGNORED, what, "status '" + p.status() + "': only active peerings carry traffic", p.source());
                continue;
            }
            String missing = !scope.vpcs.containsKey(p.requesterVpc()) ? p.requesterVpc() : !scope.vpcs.containsKey(p.accepterVpc()) ? p.accepterVpc() : null;
            if (missing != null) {
                scope.report.add(Category.SKIPPED, what, "its VPC " + missing + " is not in the export", p.source());
                continue;
            }
            if (p.requesterVpc().equals(p.accepterVpc())) {
                scope.report.add(Category.SKIPPED, what, "connects " + p.requesterVpc() + " to itself", p.source());
                continue;
            }
            String conflict = conflict(p.requesterVpc(), List.of(p.accepterVpc()));
            if (conflict != null) {
                scope.report.add(Category.SKIPPED, what, conflict, p.source());
                continue;
            }
            link(p.requesterVpc(), List.of(p.accepterVpc()));
            out.add(new Item(null, p.source(), what + " (" + p.requesterOwner() + " " + p.requesterVpc() + " → " + p.accepterOwner() + " "
                    + p.accepterVpc() + "): " + p.source()).put("type", "peering").put("vpcs", List.of(p.requesterVpc(), p.accepterVpc())));
        }
        Map<String, Map<String, AwsEstate.TgwAttachment>> byGateway = new TreeMap<>();
        for (AwsEstate.TgwAttachment a : scope.estate.tgwAttachments) {
            String what = "transit gateway attachment " + a.id();
            if (!a.resourceType().equals("vpc")) {
                scope.report.add(Category.NOT_REPRESENTED, what, "a " + a.resourceType() + " attachment: only VPC attachments are represented", a.source());
            } else if (!a.state().equals("available")) {
                scope.report.add(Category.IGNORED, what, "state '" + a.state() + "': it carries no traffic", a.source());
            } else if (!scope.vpcs.containsKey(a.resourceId())) {
                scope.report.add(Category.SKIPPED, what, "its VPC " + a.resourceId() + " is not in the export", a.source());
            } else {
                byGateway.computeIfAbsent(a.tgwId(), k -> new TreeMap<>()).putIfAbsent(a.resourceId(), a);
            }
        }
        byGateway.forEach((tgw, attachments) -> gateway(tgw, attachments, out));
        return out;
    }

    private void gateway(String tgw, Map<String, AwsEstate.TgwAttachment> attachments, List<Item> out) {
        List<String> members = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (AwsEstate.TgwAttachment a : attachments.values()) {
            String conflict = conflict(a.resourceId(), members);
            if (conflict != null) {
                scope.report.add(Category.SKIPPED, "transit gateway attachment " + a.id() + " of " + tgw, conflict, a.source());
                continue;
            }
            link(a.resourceId(), members);
            members.add(a.resourceId());
            sources.add(a.source());
        }
        if (members.size() < 2) {
            scope.report.add(Category.SKIPPED, "transit gateway " + tgw, members.size() + " VPC attached in the export: nothing to connect", sources.isEmpty()
                    ? attachments.values().iterator().next().source() : sources.get(0));
            return;
        }
        scope.report.add(Category.NOT_REPRESENTED, "route tables of transit gateway " + tgw, "transit gateway route tables are not represented: "
                + "its " + members.size() + " attached VPCs are assumed to reach each other", sources.get(0));
        out.add(new Item(null, sources, "transit gateway " + tgw + ": " + sources.stream().map(Source::toString).toList())
                .put("type", "transit-gateway").put("vpcs", members));
    }

    /** Why connecting {@code vpc} to {@code others} would make overlapping VPCs ambiguous, or null. */
    private String conflict(String vpc, List<String> others) {
        Map<String, Set<String>> after = new HashMap<>();
        reach.forEach((k, v) -> after.put(k, new HashSet<>(v)));
        for (String o : others) {
            after.computeIfAbsent(vpc, k -> new HashSet<>()).add(o);
            after.computeIfAbsent(o, k -> new HashSet<>()).add(vpc);
        }
        Set<String> affected = new HashSet<>(others);
        affected.add(vpc);
        for (String z : affected) {
            List<String> near = new ArrayList<>(after.getOrDefault(z, Set.of()));
            near.add(z);
            for (String x : near) {
                for (String y : near) {
                    if (x.compareTo(y) < 0 && (affected.contains(x) || affected.contains(y))) {
                        String overlap = overlap(x, y);
                        if (overlap != null) {
                            return overlap + " and " + (x.equals(z) || y.equals(z) ? "they would be connected" : "both would be connected to " + z)
                                    + ": a caller's address would be ambiguous (left out)";
                        }
                    }
                }
            }
        }
        return null;
    }

    private void link(String vpc, List<String> others) {
        for (String o : others) {
            reach.computeIfAbsent(vpc, k -> new HashSet<>()).add(o);
            reach.computeIfAbsent(o, k -> new HashSet<>()).add(vpc);
        }
    }

    private String overlap(String x, String y) {
        for (IPAddress a : scope.vpcs.get(x).cidrs()) {
            for (IPAddress b : scope.vpcs.get(y).cidrs()) {
                if (a.getIPVersion() == b.getIPVersion() && (a.contains(b) || b.contains(a))) {
                    return x + " " + a + " overlaps " + y + " " + b;
                }
            }
        }
        return null;
    }
}
