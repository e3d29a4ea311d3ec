package io.portcullis.analysis.findings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The analysis settings file ({@code analyze --settings FILE}), YAML or JSON; every key is optional and a flag
 * given on the command line wins over it:
 *
 * <pre>
 * maxPrefix: {ipv4: 16, ipv6: 48}
 * riskyPorts: [tcp/22, tcp/3389, all]        # replaces the default list
 * expiringWithin: 30d
 * boundaries:
 *   keys: [tenant, data, tier]               # tag keys whose values are tiers or tenants
 *   allow: [{key: tier, from: web, to: api}] # intended flows
 * quotas: {rulesPerGroup: 60, groupsPerInterface: 5, near: 0.8}
 * </pre>
 */
public final class SettingsFile {

    private SettingsFile() {}

    /** The settings {@code path} gives over {@code base}, or every problem of the file. */
    public static AnalysisSettings read(Path path, AnalysisSettings base) {
        InputTree.Read read = InputTree.read(path);
        InputTree t = read.tree();
        JsonNode root = read.root();
        AnalysisSettings s = base;
        if (!t.object(root, "", Set.of("maxPrefix", "riskyPorts", "expiringWithin", "boundaries", "quotas"))) {
            t.done();
        }
        JsonNode mp = root.get("maxPrefix");
        if (mp != null && t.object(mp, "/maxPrefix", Set.of("ipv4", "ipv6"))) {
            s = s.withMaxPrefix(t.integer(mp.get("ipv4"), "/maxPrefix/ipv4", 0, 32, s.maxPrefixV4()),
                    t.integer(mp.get("ipv6"), "/maxPrefix/ipv6", 0, 128, s.maxPrefixV6()));
        }
        if (root.has("riskyPorts")) {
            List<RiskyPort> ports = new ArrayList<>();
            List<JsonNode> items = t.list(root.get("riskyPorts"), "/riskyPorts", "tcp/PORT, udp/PORT or all");
            for (int i = 0; i < items.size(); i++) {
                String text = t.text(items.get(i), "/riskyPorts/" + i, "tcp/PORT, udp/PORT or all");
                if (text != null) {
                    try {
                        ports.add(RiskyPort.parse(text));
                    } catch (IllegalArgumentException e) {
                        t.problem("/riskyPorts/" + i, e.getMessage());
                    }
                }
            }
            s = s.withRiskyPorts(ports);
        }
        if (root.has("expiringWithin")) {
            Duration d = t.duration(root.get("expiringWithin"), "/expiringWithin");
            s = d == null ? s : s.withExpiringWithin(d);
        }
        JsonNode b = root.get("boundaries");
        if (b != null && t.object(b, "/boundaries", Set.of("keys", "allow"))) {
            List<String> keys = new ArrayList<>();
            if (b.has("keys")) {
                List<JsonNode> items = t.list(b.get("keys"), "/boundaries/keys", "tag keys");
                for (int i = 0; i < items.size(); i++) {
                    String k = t.text(items.get(i), "/boundaries/keys/" + i, "a tag key");
                    if (k != null) {
                        keys.add(k);
                    }
                }
            } else {
                keys.addAll(s.boundaryKeys());
            }
            List<AnalysisSettings.Crossing> allow = new ArrayList<>();
            List<JsonNode> items = b.has("allow") ? t.list(b.get("allow"), "/boundaries/allow", "{key, from, to}") : List.of();
            for (int i = 0; i < items.size(); i++) {
                String at = "/boundaries/allow/" + i;
                if (t.object(items.get(i), at, Set.of("key", "from", "to"))) {
                    String k = t.text(items.get(i).get("key"), at + "/key", "a boundary tag key");
                    String from = t.text(items.get(i).get("from"), at + "/from", "the source's tag value");
                    String to = t.text(items.get(i).get("to"), at + "/to", "the target's tag value");
                    if (k != null && !keys.contains(k)) {
                        t.problem(at + "/key", "'" + k + "' is not a boundary key (expected one of: " + keys + ")");
                    } else if (k != null && from != null && to != null) {
                        allow.add(new AnalysisSettings.Crossing(k, from, to));
                    }
                }
            }
            s = s.withBoundaries(keys, allow);
        }
        JsonNode q = root.get("quotas");
        if (q != null && t.object(q, "/quotas", Set.of("rulesPerGroup", "groupsPerInterface", "near"))) {
            double near = s.near();
            if (q.has("near")) {
                if (q.get("near").isNumber() && q.get("near").asDouble() > 0 && q.get("near").asDouble() <= 1) {
                    near = q.get("near").asDouble();
                } else {
                    t.problem("/quotas/near", "'" + q.get("near").asText() + "' (expected: a share above 0 and at most 1, such as 0.8)");
                }
            }
            s = s.withQuotas(t.integer(q.get("rulesPerGroup"), "/quotas/rulesPerGroup", 1, 10_000, s.rulesPerGroup()),
                    t.integer(q.get("groupsPerInterface"), "/quotas/groupsPerInterface", 1, 100, s.groupsPerInterface()), near);
        }
        t.done();
        return s;
    }
}
