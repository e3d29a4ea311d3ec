package io.portcullis.estate.map;

import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.FileContext;
import io.portcullis.estate.aws.Problems;
import io.portcullis.estate.aws.Source;
import io.portcullis.estate.write.Item;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the mappers share while one import is mapped: the accounts met (each with where it was first seen), the
 * VPCs and groups declared so far (so references resolve and placeholders are declared once), which accounts and
 * regions each folder's files describe (to place REST APIs, whose output names neither), the report and the
 * problems.
 */
final class Scope {

    final AwsEstate estate;
    final Problems problems;
    final Report report = new Report();
    /** Account id → where it was first seen. */
    final Map<String, Source> accounts = new TreeMap<>();
    final Map<String, VpcInfo> vpcs = new HashMap<>();
    /** ACCOUNT/sg-id → the group's item. */
    final Map<String, Item> groups = new LinkedHashMap<>();
    /** sg-id → ACCOUNT/sg-id of every declared group with that id. */
    final Map<String, Set<String>> groupsById = new HashMap<>();
    final Map<String, Set<String>> accountsByFolder = new HashMap<>();
    final Map<String, Set<String>> regionsByFolder = new HashMap<>();

    Scope(AwsEstate estate, Problems problems) {
        this.estate = estate;
        this.problems = problems;
    }

    /** A declared VPC: its account, region and parsed CIDRs. */
    record VpcInfo(String id, String account, String region, java.util.List<inet.ipaddr.IPAddress> cidrs) {}

    static boolean isAccount(String id) {
        return FileContext.isAccount(id);
    }

    void account(String id, Source seen) {
        if (isAccount(id)) {
            accounts.putIfAbsent(id, seen);
        }
    }

    void seen(Source at, String account, String region) {
        String folder = folder(at.file());
        if (isAccount(account)) {
            accountsByFolder.computeIfAbsent(folder, k -> new TreeSet<>()).add(account);
        }
        if (region != null) {
            regionsByFolder.computeIfAbsent(folder, k -> new TreeSet<>()).add(region);
        }
    }

    static String folder(String file) {
        int i = file.lastIndexOf('/');
        return i < 0 ? "" : file.substring(0, i);
    }

    /** The tag namespace Portcullis writes ({@code portcullis:imported} marks a placeholder group). */
    static final String OWN_TAGS = "portcullis:";

    /**
     * The export's tags of {@code what}, less any in Portcullis's own namespace ({@value #OWN_TAGS}, in any case):
     * such a tag says what only the importer may say (that a group is a placeholder no interface carries, which the
     * analysis then leaves out of its findings), so one written in AWS by anyone who may tag a resource is not
     * carried over, and each is reported as ignored.
     */
    Map<String, String> tags(Map<String, String> tags, String what, Source source) {
        Map<String, String> kept = null;
        for (String key : tags.keySet()) {
            if (key.regionMatches(true, 0, OWN_TAGS, 0, OWN_TAGS.length())) {
                if (kept == null) {
                    kept = new LinkedHashMap<>(tags);
                }
                kept.remove(key);
                report.add(ReportEntry.Category.IGNORED, "tag " + key + " of " + what,
                        "the " + OWN_TAGS + " namespace is the importer's own (" + OWN_TAGS + "imported marks a placeholder group); "
                                + "a tag written in AWS in it is not imported", source);
            }
        }
        return kept == null ? tags : kept;
    }

    void declareGroup(String account, String id, Item item) {
        groups.put(account + "/" + id, item);
        groupsById.computeIfAbsent(id, k -> new TreeSet<>()).add(account + "/" + id);
    }
}
