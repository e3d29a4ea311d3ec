package io.portcullis.estate.map;

import inet.ipaddr.IPAddress;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ReportEntry.Category;
import io.portcullis.estate.write.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Security groups and their ingress rules: each IpPermission times each of its sources (IPv4 and IPv6 ranges,
 * prefix lists, group pairs) becomes one rule, in AWS's order. A group pair names its group's account by
 * {@code UserId}; a cross-account reference is written {@code ACCOUNT/sg-id}. A group that is referenced (by a
 * rule, an interface or an endpoint) but not in the export is declared as a placeholder tagged
 * {@value #PLACEHOLDER_TAG}{@code : referenced-only}: no workload carries it, so rules naming it admit nothing,
 * which is what AWS does for the imported sources too. Egress rules are reported, not represented.
 */
final class GroupMapper {

    static final String PLACEHOLDER_TAG = Scope.OWN_TAGS + "imported";

    private final Scope scope;
    private final PrefixLists prefixLists;
    private final Map<String, AwsEstate.Group> exported = new LinkedHashMap<>();

    GroupMapper(Scope scope, PrefixLists prefixLists) {
        this.scope = scope;
        this.prefixLists = prefixLists;
    }

    void declare() {
        for (AwsEstate.Group g : scope.estate.groups) {
            if (!Scope.isAccount(g.ownerId())) {
                scope.problems.error(g.source().child("OwnerId"), (g.ownerId() == null ? "missing" : "'" + g.ownerId() + "'")
                        + " (expected: the group owner's 12-digit account id, or the export in a folder named by it)");
                continue;
            }
            String key = g.ownerId() + "/" + g.id();
            if (exported.containsKey(key)) {
                scope.report.add(Category.IGNORED, "security group " + g.id(), "described again; the first description is imported", g.source());
                continue;
            }
            if (g.vpcId() == null) {
                scope.report.add(Category.SKIPPED, "security group " + g.id(), "no VpcId (EC2-Classic): groups live in a VPC", g.source());
                continue;
            }
            if (!scope.vpcs.containsKey(g.vpcId())) {
                scope.report.add(Category.SKIPPED, "security group " + g.id(), "its VPC " + g.vpcId() + " is not in the export (describe-vpcs)", g.source());
                continue;
            }
            exported.put(key, g);
            scope.account(g.ownerId(), g.source());
            Item item = new Item(g.id(), g.source(), g.id() + (g.name() == null ? "" : " (" + g.name() + ")") + ": " + g.source())
                    .put("id", g.id()).put("account", g.ownerId()).put("vpc", g.vpcId())
                    .put("description", g.description().isEmpty() ? null : g.description()).put("tags", scope.tags(g.tags(), "security group " + g.id(), g.source()));
            scope.declareGroup(g.ownerId(), g.id(), item);
        }
    }

    void rules() {
        for (AwsEstate.Group g : exported.values()) {
            Item item = scope.groups.get(g.ownerId() + "/" + g.id());
            List<Item> rules = new ArrayList<>();
            for (AwsEstate.Permission p : g.ingress()) {
                Rules.Traffic t = Rules.traffic(p, g.id(), scope);
                if (t == null) {
                    continue;
                }
                for (AwsEstate.Peer peer : p.peers()) {
                    Map<String, String> from = from(peer, g);
                    if (from == null) {
                        continue;
                    }
                    rules.add(new Item(null, peer.source(), peer.source().toString()).put("protocol", t.protocol()).put("ports", t.ports())
                            .put("from", from).put("description", peer.description() == null || peer.description().isEmpty() ? null : peer.description()));
                }
                if (p.peers().isEmpty()) {
                    scope.report.add(Category.IGNORED, "ingress permission of " + g.id(), "no source (no IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs): it admits nothing", p.source());
                }
            }
            item.put("ingress", rules);
            for (AwsEstate.Permission p : g.egress()) {
                scope.report.add(Category.NOT_REPRESENTED, "egress rule of " + g.id(), "egress rules are not represented: an analysis "
                        + "decides what a destination's ingress rules admit, assuming the caller's egress allows it", p.source());
            }
        }
    }

    private Map<String, String> from(AwsEstate.Peer peer, AwsEstate.Group owner) {
        if (peer.cidr() != null) {
            IPAddress a = ConfigMapper.Cidrs.parse(peer.cidr(), peer.source(), scope.problems);
            return a == null ? null : Map.of("cidr", a.toCanonicalString());
        }
        if (peer.prefixList() != null) {
            prefixLists.referenced(peer.prefixList(), peer.source());
            return Map.of("prefixList", peer.prefixList());
        }
        String account = Scope.isAccount(peer.userId()) ? peer.userId() : owner.ownerId();
        if (peer.userId() != null && !Scope.isAccount(peer.userId())) {
            scope.problems.error(peer.source().child("UserId"), "'" + peer.userId() + "' (expected: the referenced group's 12-digit account id)");
            return null;
        }
        String vpc = peer.vpcId() != null && scope.vpcs.containsKey(peer.vpcId()) ? peer.vpcId() : owner.vpcId();
        String key = resolve(account, peer.groupId(), vpc, peer.source(), "referenced by a rule of " + owner.id());
        return Map.of("group", key.startsWith(owner.ownerId() + "/") ? peer.groupId() : key);
    }

    /**
     * The {@code ACCOUNT/sg-id} of a referenced group: the declared one, else a placeholder declared in
     * {@code vpc} (reported).
     */
    String resolve(String account, String groupId, String vpc, Source by, String why) {
        String key = account + "/" + groupId;
        if (scope.groups.containsKey(key)) {
            return key;
        }
        Set<String> sameId = scope.groupsById.get(groupId);
        if (sameId != null && sameId.size() == 1) {
            // the pair's UserId disagrees with the group's owner (a sanitized export; AWS writes the owner): a group id is
            // unique within a region, so the group is the one described, and that is said
            String described = sameId.iterator().next();
            scope.report.add(Category.INFERRED, "group reference " + key, why + "; no group " + key + " is described, and "
                    + groupId + " is described as " + described + ": taken as that group", by);
            return described;
        }
        scope.account(account, by);
        scope.report.add(Category.PLACEHOLDER, "security group " + key, why + " but not in the export; declared in " + vpc
                + " with the tag " + PLACEHOLDER_TAG + ": referenced-only and no rules; no imported interface carries it, so rules naming it admit nothing", by);
        scope.declareGroup(account, groupId, new Item(groupId, by, key + ": placeholder, " + why + " at " + by)
                .put("id", groupId).put("account", account).put("vpc", vpc)
                .put("description", "not in the export; " + why).put("tags", Map.of(PLACEHOLDER_TAG, "referenced-only")));
        return key;
    }

    /**
     * The reference to a group attached to something in {@code vpc} (an interface, an endpoint), or null after
     * reporting a group that is declared in another VPC: AWS attaches only groups of the same VPC, and the
     * configuration refuses anything else.
     */
    String attached(String account, String groupId, String vpc, Source by, String what) {
        String key = resolve(account, groupId, vpc, by, "attached to " + what);
        Object in = scope.groups.get(key).get("vpc");
        if (!vpc.equals(in)) {
            scope.report.add(Category.SKIPPED, "group " + key + " of " + what, "the group is in " + in + ", not in " + vpc
                    + " (AWS attaches groups of the same VPC only)", by);
            return null;
        }
        return key;
    }

    /** {@code sg-id} when the group is {@code owner}'s, else {@code ACCOUNT/sg-id}. */
    static String relative(String key, String owner) {
        return key.startsWith(owner + "/") ? key.substring(owner.length() + 1) : key;
    }

    List<Item> items() {
        List<Item> out = new ArrayList<>(scope.groups.values());
        out.sort(Comparator.comparing((Item i) -> (String) i.get("account")).thenComparing(Item::id));
        return out;
    }
}
