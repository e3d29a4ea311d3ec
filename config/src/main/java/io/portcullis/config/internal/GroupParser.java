package io.portcullis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortRange;
import io.portcullis.config.Protocol;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses one {@code securityGroups[]} element: its fields, ingress rules, schedules and expiry. */
final class GroupParser {

    private final Problems problems;

    GroupParser(Problems problems) {
        this.problems = problems;
    }

    SecurityGroup group(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = f.required("id", Values.GROUP, "a group id, sg-...");
        String account = f.required("account", Values.ACCOUNT, "a 12-digit account id");
        String vpc = f.required("vpc", "a VPC id");
        String description = f.optional("description", "text");
        String owner = f.optional("owner", "text");
        String purpose = f.optional("purpose", "text");
        Map<String, String> tags = f.stringMap("tags");
        List<IngressRule> rules = new ArrayList<>();
        for (var e : f.objects("ingress")) {
            // Read even when the group's account is wrong, so that every error in its rules is reported at once
            // (a group reference then resolves to nothing, and the group is refused for its account anyway).
            rules.add(rule(e.getKey(), e.getValue(), account));
        }
        SectionParser refs = new SectionParser(problems, new Draft());
        List<GroupRef> includes = refs.groupRefs(f, "includes", account);
        List<GroupRef> extendsGroups = refs.groupRefs(f, "extends", account);
        f.done();
        if (id == null || account == null || vpc == null) {
            return null;
        }
        // A group whose rules or references have errors is still declared, so references to it do not cascade into
        // "unknown group" errors. Its errors are already recorded, so no configuration is produced from it.
        rules.removeIf(java.util.Objects::isNull);
        return new SecurityGroup(id, account, vpc, description == null ? "" : description, owner == null ? "" : owner,
                tags, rules, includes == null ? List.of() : includes, extendsGroups == null ? List.of() : extendsGroups,
                purpose == null ? "" : purpose);
    }

    private IngressRule rule(String path, JsonNode node, String account) {
        Fields f = new Fields(node, path, problems);
        Protocol protocol = Values.protocol(f.optional("protocol", "a protocol"), f.path("protocol"), problems);
        PortRange ports = PortRange.ALL;
        String rawPorts = f.optional("ports", "a port N or a range \"N-M\"");
        if (rawPorts != null) {
            ports = Values.ports(rawPorts, f.path("ports"), problems);
            if (protocol != null && !protocol.hasPorts()) {
                problems.error(f.path("ports"), "ports given for protocol " + protocol + " (expected: ports only with tcp or udp)");
                ports = null;
            }
        }
        Peer from = peer(f.path("from"), f.raw("from"), account);
        Optional<Schedule> schedule = Optional.empty();
        boolean scheduleOk = true;
        if (f.has("schedule")) {
            Schedule s = schedule(f.path("schedule"), f.raw("schedule"));
            scheduleOk = s != null;
            schedule = Optional.ofNullable(s);
        }
        String rawExpires = f.optional("expires", "an instant");
        Instant expires = Values.instant(rawExpires, f.path("expires"), problems);
        String description = f.optional("description", "text");
        String justification = f.optional("justification", "text: why this access exists");
        Boolean exception = f.bool("exception");
        f.done();
        if (protocol == null || ports == null || from == null || !scheduleOk || (rawExpires != null && expires == null)
                || exception == null) {
            return null;
        }
        IngressRule rule = new IngressRule(protocol, ports, from, schedule, Optional.ofNullable(expires),
                description == null ? "" : description, justification == null ? "" : justification.strip(),
                Boolean.TRUE.equals(exception));
        exceptionWarnings(path, rule);
        return rule;
    }

    /** An exception (a rule that expires, or one marked so) that lacks its justification or expiry is flagged. */
    private void exceptionWarnings(String path, IngressRule rule) {
        if (!rule.isException()) {
            return;
        }
        if (rule.justification().isEmpty()) {
            problems.warn(path, "an exception (" + (rule.exception() ? "exception: true" : "it expires")
                    + ") without a justification (expected: justification: why this access is allowed)");
        }
        if (rule.expires().isEmpty()) {
            problems.warn(path + ".exception", "an exception without an expiry (expected: expires: the instant it ends, "
                    + "such as 2027-03-31T00:00:00Z)");
        }
    }

    private Peer peer(String path, JsonNode node, String account) {
        if (node == null || node.isNull()) {
            problems.error(path, "missing (expected: exactly one of group, cidr, prefixList)");
            return null;
        }
        Fields f = new Fields(node, path, problems);
        String group = f.optional("group", "a group reference");
        String cidr = f.optional("cidr", "a CIDR");
        String prefixList = f.optional("prefixList", "a prefix list id");
        f.done();
        if (!f.valid()) {
            return null;
        }
        int count = (group != null ? 1 : 0) + (cidr != null ? 1 : 0) + (prefixList != null ? 1 : 0);
        if (count != 1) {
            problems.error(path, count + " sources given (expected: exactly one of group, cidr, prefixList)");
            return null;
        }
        if (group != null) {
            GroupRef ref = Values.groupRef(group, account, f.path("group"), problems);
            return ref == null ? null : new Peer.Group(ref);
        }
        if (cidr != null) {
            IPAddress a = Values.cidr(cidr, f.path("cidr"), problems);
            return a == null ? null : new Peer.Cidr(a.toCanonicalString());
        }
        String pl = Values.matching(prefixList, Values.PREFIX_LIST, f.path("prefixList"), "a prefix list id, pl-...", problems);
        return pl == null ? null : new Peer.PrefixListRef(pl);
    }

    Schedule schedule(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        List<String> rawDays = f.strings("days", "days");
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (int i = 0; i < rawDays.size(); i++) {
            DayOfWeek d = Values.day(rawDays.get(i), f.path("days") + "[" + i + "]", problems);
            ok &= d != null;
            if (d != null) {
                days.add(d);
            }
        }
        if (f.valid() && !f.has("days")) {
            days = EnumSet.allOf(DayOfWeek.class);
        } else if (f.valid() && rawDays.isEmpty()) {
            problems.error(f.path("days"), "empty (expected: at least one day, or omit 'days' for every day)");
            ok = false;
        }
        LocalTime from = Values.time(f.required("from", "HH:MM"), f.path("from"), problems);
        LocalTime to = Values.time(f.required("to", "HH:MM"), f.path("to"), problems);
        String writtenZone = f.required("zone", "a time zone such as UTC or Europe/London");
        ZoneId zone = Values.zone(writtenZone, f.path("zone"), problems);
        String fixed = zone == null ? null : FixedOffsetZone.warning(writtenZone, zone);
        if (fixed != null) {
            problems.warn(f.path("zone"), fixed);
        }
        f.done();
        if (from != null && from.equals(to)) {
            problems.error(path, "from and to are both " + from + " (expected: a window; from 00:00 to 00:00 is not allowed, omit the schedule for always)");
            return null;
        }
        return ok && from != null && to != null && zone != null ? new Schedule(days, from, to, zone) : null;
    }
}
