package io.portcullis.estate.map;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.map.ReportEntry.Category;
import io.portcullis.estate.write.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One workload per network interface with a private address (describe-network-interfaces, and the interfaces of
 * describe-instances that output does not list): id = the ENI id, its private IPv4 and IPv6 addresses, its groups,
 * and labels (instance, Name tag, interface type, requester-managed). An address outside the VPC's CIDRs, or held
 * by an earlier interface of the VPC, is reported and left out.
 */
final class WorkloadMapper {

    private final Scope scope;
    private final GroupMapper groups;

    WorkloadMapper(Scope scope, GroupMapper groups) {
        this.scope = scope;
        this.groups = groups;
    }

    List<Item> map() {
        Map<String, AwsEstate.Instance> instances = new HashMap<>();
        Map<String, AwsEstate.Interface> enis = new LinkedHashMap<>();
        for (AwsEstate.Interface i : scope.estate.interfaces) {
            if (enis.putIfAbsent(i.id(), i) != null) {
                scope.report.add(Category.IGNORED, "network interface " + i.id(), "described again; the first description is imported", i.source());
            }
        }
        for (AwsEstate.Instance inst : scope.estate.instances) {
            instances.putIfAbsent(inst.id(), inst);
            for (AwsEstate.Interface i : inst.interfaces()) {
                enis.putIfAbsent(i.id(), i); // listed by describe-network-interfaces already: that description wins
            }
        }
        Map<String, String> addressOwner = new HashMap<>();
        Map<String, Item> out = new TreeMap<>();
        for (AwsEstate.Interface i : enis.values()) {
            Item w = workload(i, instances.get(i.instanceId()), addressOwner);
            if (w != null) {
                out.put(i.id(), w);
            }
        }
        return new ArrayList<>(out.values());
    }

    private Item workload(AwsEstate.Interface i, AwsEstate.Instance instance, Map<String, String> addressOwner) {
        String what = "network interface " + i.id();
        if (i.vpcId() == null || !scope.vpcs.containsKey(i.vpcId())) {
            scope.report.add(Category.SKIPPED, what, i.vpcId() == null ? "no VpcId" : "its VPC " + i.vpcId() + " is not in the export", i.source());
            return null;
        }
        Scope.VpcInfo vpc = scope.vpcs.get(i.vpcId());
        String account = i.ownerId();
        if (!Scope.isAccount(account)) {
            scope.problems.error(i.source().child("OwnerId"), (account == null ? "missing" : "'" + account + "'")
                    + " (expected: the interface owner's 12-digit account id, or the export in a folder named by it)");
            return null;
        }
        List<String> addresses = new ArrayList<>();
        for (String raw : i.addresses()) {
            IPAddress a;
            try {
                a = new IPAddressString(raw).toAddress();
            } catch (inet.ipaddr.AddressStringException | RuntimeException e) {
                a = null;
            }
            if (a == null || a.isPrefixed() || a.isMultiple()) {
                scope.problems.error(i.source(), "address '" + raw + "' (expected: one IPv4 or IPv6 address)");
                return null;
            }
            IPAddress addr = a;
            String canonical = a.toCanonicalString();
            if (vpc.cidrs().stream().noneMatch(c -> c.getIPVersion() == addr.getIPVersion() && c.contains(addr))) {
                scope.report.add(Category.SKIPPED, "address " + canonical + " of " + i.id(), "outside the CIDRs of " + vpc.id(), i.source());
                continue;
            }
            String prev = addressOwner.putIfAbsent(vpc.id() + "|" + canonical, i.id());
            if (prev != null && !prev.equals(i.id())) {
                scope.report.add(Category.SKIPPED, "address " + canonical + " of " + i.id(), "already held by " + prev + " in " + vpc.id(), i.source());
                continue;
            }
            if (!addresses.contains(canonical)) {
                addresses.add(canonical);
            }
        }
        if (addresses.isEmpty()) {
            scope.report.add(Category.SKIPPED, what, "no private address inside " + vpc.id() + " (a workload is its addresses)", i.source());
            return null;
        }
        scope.account(account, i.source());
        List<String> refs = new ArrayList<>();
        for (String g : i.groups()) {
            String key = groups.attached(account, g, vpc.id(), i.source(), i.id());
            if (key != null && !refs.contains(GroupMapper.relative(key, account))) {
                refs.add(GroupMapper.relative(key, account));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String name = instance != null && instance.tags().containsKey("Name") ? instance.tags().get("Name") : i.tags().get("Name");
        if (i.instanceId() != null) {
            labels.put("instance", i.instanceId());
        }
        if (name != null && !name.isEmpty()) {
            labels.put("name", name);
        }
        labels.put("interfaceType", i.interfaceType());
        labels.put("requesterManaged", String.valueOf(i.requesterManaged()));
        if (!i.description().isEmpty()) {
            labels.put("description", i.description());
        }
        return new Item(i.id(), i.source(), i.id() + (name == null || name.isEmpty() ? "" : " (" + name + ")") + ": " + i.source())
                .put("id", i.id()).put("account", account).put("vpc", vpc.id()).put("addresses", addresses)
                .put("groups", refs).put("labels", labels);
    }
}
