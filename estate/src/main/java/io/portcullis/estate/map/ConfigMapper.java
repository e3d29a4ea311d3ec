package io.portcullis.estate.map;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.Problems;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ReportEntry.Category;
import io.portcullis.estate.write.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps what was read ({@link AwsEstate}) to the configuration's sections, in the order the references need:
 * VPCs, prefix lists, groups (then their rules, which may declare placeholders), workloads, endpoints,
 * connections, AWS APIs, and last the accounts every item names. Everything not carried over unchanged goes to
 * the {@link Report}; input that cannot be read at all goes to the {@link Problems}.
 */
public final class ConfigMapper {

    private final Scope scope;

    public ConfigMapper(AwsEstate estate, Problems problems) {
        this.scope = new Scope(estate, problems);
    }

    public ImportedConfig map() {
        AwsEstate e = scope.estate;
        e.subnets.forEach(s -> scope.seen(s.source(), s.ownerId(), s.region()));
        e.vpcs.forEach(v -> scope.seen(v.source(), v.ownerId(), v.region()));
        e.groups.forEach(g -> scope.seen(g.source(), g.ownerId(), null));
        e.interfaces.forEach(i -> scope.seen(i.source(), i.ownerId(), i.region()));
        e.endpoints.forEach(x -> scope.seen(x.source(), x.ownerId(), null));
        e.unrepresented.forEach(u -> scope.report.add(Category.NOT_REPRESENTED, u.what(), u.reason(), u.source()));
        e.links.forEach(f -> scope.report.add(Category.IGNORED, "link " + f, "a symbolic link, not followed: it may lead outside "
                + "the export, and every imported item is traced to a file inside it (copy what it points to into the folder)", new Source(f, "")));
        e.ignoredFiles.forEach(f -> scope.report.add(Category.IGNORED, "file " + f,
                "not an output this importer reads (its top-level keys name no VPC, group, interface, endpoint, API or prefix list)", new Source(f, "")));

        Map<String, List<Item>> sections = new LinkedHashMap<>();
        sections.put("vpcs", vpcs());
        PrefixLists prefixLists = new PrefixLists(scope);
        GroupMapper groups = new GroupMapper(scope, prefixLists);
        groups.declare();
        groups.rules();
        sections.put("workloads", new WorkloadMapper(scope, groups).map());
        ServiceMapper services = new ServiceMapper(scope, groups);
        sections.put("vpcEndpoints", services.endpoints());
        sections.put("awsApis", services.apis());
        sections.put("connections", new ConnectionMapper(scope).map());
        sections.put("prefixLists", prefixLists.items());
        sections.put("securityGroups", groups.items());
        sections.put("accounts", accounts());
        Map<String, List<Item>> ordered = new LinkedHashMap<>();
        ImportedConfig.ORDER.forEach(k -> ordered.put(k, sections.get(k)));
        return new ImportedConfig(ordered, scope.report);
    }

    private List<Item> vpcs() {
        Map<String, List<AwsEstate.Subnet>> subnets = new HashMap<>();
        scope.estate.subnets.forEach(s -> subnets.computeIfAbsent(s.vpcId(), k -> new ArrayList<>()).add(s));
        Map<String, Set<String>> interfaceRegions = new HashMap<>();
        scope.estate.interfaces.forEach(i -> {
            if (i.vpcId() != null && i.region() != null) {
                interfaceRegions.computeIfAbsent(i.vpcId(), k -> new HashSet<>()).add(i.region());
            }
        });
        Map<String, Item> out = new TreeMap<>();
        for (AwsEstate.Vpc v : scope.estate.vpcs) {
            if (out.containsKey(v.id())) {
                scope.report.add(Category.IGNORED, "VPC " + v.id(), "described again; the first description is imported", v.source());
                continue;
            }
            List<AwsEstate.Subnet> own = subnets.getOrDefault(v.id(), List.of());
            String account = account(v, own);
            if (account == null) {
                continue;
            }
            List<String> cidrs = new ArrayList<>();
            List<IPAddress> parsed = new ArrayList<>();
            for (AwsEstate.Cidr c : v.cidrs()) {
                if (!c.state().equals("associated")) {
                    scope.report.add(Category.IGNORED, "CIDR " + c.cidr() + " of " + v.id(), "association state '" + c.state()
                            + "' (only associated CIDRs hold addresses)", c.source());
                    continue;
                }
                IPAddress a = Cidrs.parse(c.cidr(), c.source(), scope.problems);
                if (a != null && !cidrs.contains(a.toCanonicalString())) {
                    cidrs.add(a.toCanonicalString());
                    parsed.add(a);
                }
            }
            if (cidrs.isEmpty()) {
                scope.report.add(Category.SKIPPED, "VPC " + v.id(), "no associated CIDR, so it holds no address", v.source());
                continue;
            }
            String region = v.region();
            if (region == null) {
                Set<String> regions = new HashSet<>();
                own.stream().map(AwsEstate.Subnet::region).filter(r -> r != null).forEach(regions::add);
                regions.addAll(interfaceRegions.getOrDefault(v.id(), Set.of()));
                region = regions.size() == 1 ? regions.iterator().next() : null;
            }
            scope.vpcs.put(v.id(), new Scope.VpcInfo(v.id(), account, region, parsed));
            scope.account(account, v.source());
            out.put(v.id(), new Item(v.id(), v.source(), v.id() + (v.tags().containsKey("Name") ? " (" + v.tags().get("Name") + ")" : "")
                    + ": " + v.source()).put("id", v.id()).put("account", account).put("cidrs", cidrs).put("region", region).put("tags", scope.tags(v.tags(), "VPC " + v.id(), v.source())));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The VPC's owner: its OwnerId; else (absent or not 12 digits, as in sanitized exports) the owner of its
     * subnets, which AWS makes the VPC's owner even when subnets are shared; else the one account owning its
     * groups and interfaces. Each fallback is reported.
     */
    private String account(AwsEstate.Vpc v, List<AwsEstate.Subnet> subnets) {
        if (Scope.isAccount(v.ownerId())) {
            return v.ownerId();
        }
        Set<String> candidates = new java.util.TreeSet<>();
        String from = "its subnets";
        subnets.stream().map(AwsEstate.Subnet::ownerId).filter(Scope::isAccount).forEach(candidates::add);
        if (candidates.isEmpty()) {
            from = "its security groups and network interfaces";
            scope.estate.groups.stream().filter(g -> v.id().equals(g.vpcId())).map(AwsEstate.Group::ownerId).filter(Scope::isAccount).forEach(candidates::add);
            scope.estate.interfaces.stream().filter(i -> v.id().equals(i.vpcId())).map(AwsEstate.Interface::ownerId).filter(Scope::isAccount).forEach(candidates::add);
        }
        String written = v.ownerId() == null ? "no OwnerId" : "OwnerId '" + v.ownerId() + "' is not a 12-digit account id";
        if (candidates.size() != 1) {
            scope.problems.error(v.source().child("OwnerId"), written + " and " + (candidates.isEmpty() ? "no account" : "several accounts " + candidates)
                    + " own " + from + " (expected: the VPC owner's 12-digit account id)");
            return null;
        }
        String account = candidates.iterator().next();
        scope.report.add(Category.INFERRED, "account of VPC " + v.id(), written + "; written as " + account + ", the owner of " + from,
                v.source().child("OwnerId"));
        return account;
    }

    private List<Item> accounts() {
        Map<String, String> names = new TreeMap<>(scope.estate.accountNames);
        for (var f : scope.estate.files) {
            if (f.accountLabel() != null && !Scope.isAccount(f.accountLabel())) {
                Set<String> seen = scope.accountsByFolder.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(Scope.folder(f.file())) || Scope.folder(f.file()).startsWith(e.getKey()))
                        .flatMap(e -> e.getValue().stream()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
                if (seen.size() == 1) {
                    names.putIfAbsent(seen.iterator().next(), f.accountLabel());
                }
            }
        }
        List<Item> out = new ArrayList<>();
        scope.accounts.forEach((id, source) -> out.add(new Item(id, source, "account " + id + ": first named at " + source)
                .put("id", id).put("name", names.getOrDefault(id, id))));
        out.sort(Comparator.comparing(Item::id));
        return out;
    }

    /** Parses CIDRs as AWS writes them, reporting one that is not a network (host bits set) or not a CIDR. */
    static final class Cidrs {
        private Cidrs() {}

        static IPAddress parse(String cidr, Source at, Problems problems) {
            try {
                IPAddress a = new IPAddressString(cidr).toAddress();
                if (a != null && a.isPrefixed() && a.isPrefixBlock()) {
                    return a;
                }
                problems.error(at, "'" + cidr + "' " + (a != null && a.isPrefixed() ? "has host bits set" : "is not a CIDR")
                        + " (expected: a CIDR such as 10.0.0.0/16 or 2600:1f14::/56)");
            } catch (inet.ipaddr.AddressStringException | RuntimeException e) {
                problems.error(at, "'" + cidr + "' is not a CIDR (expected: a CIDR such as 10.0.0.0/16 or 2600:1f14::/56)");
            }
            return null;
        }
    }
}
