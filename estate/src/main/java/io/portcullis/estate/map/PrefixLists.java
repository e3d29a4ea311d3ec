package io.portcullis.estate.map;

import inet.ipaddr.IPAddress;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.map.ReportEntry.Category;
import io.portcullis.estate.write.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prefix lists: AWS's own (the legacy describe-prefix-lists gives their CIDRs) and managed ones (their CIDRs
 * come from get-managed-prefix-list-entries). A list that a rule names but whose CIDRs the export does not give
 * is declared with none, and reported: rules naming it then admit nothing here, which the report says.
 */
final class PrefixLists {

    private final Scope scope;
    private final Map<String, Item> items = new TreeMap<>();

    PrefixLists(Scope scope) {
        this.scope = scope;
        Map<String, AwsEstate.PrefixListEntries> entries = new TreeMap<>();
        scope.estate.prefixListEntries.forEach(e -> entries.putIfAbsent(e.listId(), e));
        for (AwsEstate.PrefixList p : scope.estate.prefixLists) {
            if (items.containsKey(p.id())) {
                continue; // the same AWS-managed list appears in every account's export
            }
            AwsEstate.PrefixListEntries known = entries.remove(p.id());
            List<String> raw = p.entriesKnown() ? p.cidrs() : known != null ? known.cidrs() : null;
            Source at = known != null && !p.entriesKnown() ? known.source() : p.source();
            if (raw == null) {
                scope.report.add(Category.PLACEHOLDER, "prefix list " + p.id() + " (" + p.name() + ")", "its entries are not in the export "
                        + "(aws ec2 get-managed-prefix-list-entries --prefix-list-id " + p.id() + "); declared without CIDRs, so rules naming it admit nothing here", p.source());
            }
            items.put(p.id(), item(p.id(), raw == null ? List.of() : raw, p.source(), at, p.name()));
        }
        entries.values().forEach(e -> items.put(e.listId(), item(e.listId(), e.cidrs(), e.source(), e.source(), "")));
    }

    private Item item(String id, List<String> raw, Source declared, Source cidrsAt, String name) {
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            IPAddress a = ConfigMapper.Cidrs.parse(raw.get(i), cidrsAt.child(i), scope.problems);
            if (a != null && !cidrs.contains(a.toCanonicalString())) {
                cidrs.add(a.toCanonicalString());
            }
        }
        return new Item(id, declared, id + (name.isEmpty() ? "" : " (" + name + ")") + ": " + declared).put("id", id).put("cidrs", cidrs);
    }

    /** Makes sure {@code id} is declared, as an empty placeholder if the export does not describe it. */
    void referenced(String id, Source by) {
        if (!items.containsKey(id)) {
            scope.report.add(Category.PLACEHOLDER, "prefix list " + id, "named by a rule but not in the export (describe-managed-prefix-lists, "
                    + "get-managed-prefix-list-entries); declared without CIDRs, so rules naming it admit nothing here", by);
            items.put(id, new Item(id, by, id + ": named at " + by + ", not in the export").put("id", id).put("cidrs", List.of()));
        }
    }

    List<Item> items() {
        return new ArrayList<>(items.values());
    }
}
