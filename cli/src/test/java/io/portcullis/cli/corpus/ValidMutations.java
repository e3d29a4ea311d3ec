package io.portcullis.cli.corpus;

import static io.portcullis.cli.corpus.Edits.list;
import static io.portcullis.cli.corpus.Edits.remove;
import static io.portcullis.cli.corpus.Edits.set;

import io.portcullis.cli.corpus.Mutation.Base;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes after which the configuration is still valid ({@code ok}): the bases themselves, layout (order, files,
 * comments, YAML style, anchors, line endings), other valid values, and the optional sections and files.
 */
final class ValidMutations {

    private static final Base T = Base.TRADING;
    private static final Base D = Base.DEMO;

    private ValidMutations() {}

    static void add(Catalog c) {
        c.valid("ok", T, "the trading base as generated", FileSlots.NOTHING);
        c.valid("ok", D, "the demo base as generated", FileSlots.NOTHING);
        layout(c);
        values(c);
    }

    private static void layout(Catalog c) {
        c.valid("ok", T, "network.yaml's sections in reverse order", k -> reverseKeys(k, "network.yaml"));
        c.valid("ok", D, "demo.yaml's sections in reverse order", k -> reverseKeys(k, "demo.yaml"));
        c.valid("ok", T, "accounts, workloads and groups listed in reverse order", k -> {
            for (String section : List.of("accounts", "workloads", "securityGroups")) {
                @SuppressWarnings("unchecked")
                List<Object> items = new ArrayList<>((List<Object>) k.get(section));
                Collections.reverse(items);
                k.set(section, items);
            }
        });
        c.valid("ok", T, "analytics split into its own file", k -> {
            Object analytics = k.get("apis", 1);
            k.remove("apis", 1);
            k.write("zz-analytics.yaml", ConfigDir.yaml().dump(Map.of("apis", List.of(analytics))));
        });
        c.valid("ok", T, "every file merged into one config.yaml", k -> {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String file : List.of("network.yaml", "groups.yaml", "workloads.yaml", "apis.yaml", "node.yaml")) {
                all.putAll(k.edit(file));
            }
            k.save();
            for (String file : List.of("network.yaml", "groups.yaml", "workloads.yaml", "apis.yaml", "node.yaml")) {
                Files.delete(k.file(file));
            }
            k.write("config.yaml", ConfigDir.yaml().dump(all));
        });
        c.valid("ok", D, "the demo split into network, groups and APIs files", k -> {
            Map<String, Object> demo = k.edit("demo.yaml");
            Map<String, Object> groups = Map.of("securityGroups", demo.remove("securityGroups"), "workloads", demo.remove("workloads"));
            Map<String, Object> apis = Map.of("apis", demo.remove("apis"));
            k.save();
            k.write("groups.yaml", ConfigDir.yaml().dump(groups));
            k.write("apis.yaml", ConfigDir.yaml().dump(apis));
        });
        c.valid("ok", T, "a comment at the top of every file and at the end of a line", k -> {
            for (String file : List.of("network.yaml", "groups.yaml", "workloads.yaml", "apis.yaml", "node.yaml")) {
                k.write(file, "# reviewed by the corpus\n" + k.text(file));
            }
            k.replace("apis.yaml", "  - name: orders\n", "  - name: orders   # the order book\n");
        });
        c.valid("ok", T, "apis.yaml rewritten in YAML block style without comments", k -> k.edit("apis.yaml"));
        c.valid("ok", T, "groups.yaml with CRLF line endings", k -> k.write("groups.yaml", k.text("groups.yaml").replace("\n", "\r\n")));
        c.valid("ok", T, "analytics' limits from an x- anchor and an alias", k -> k.write("apis.yaml",
                "x-limits: &standard {maxBodyBytes: 2MiB, maxConnections: 1000}\n" + k.text("apis.yaml") + "    limits: *standard\n"));
    }

    private static void values(Catalog c) {
        c.valid("ok", T, "orders' rate limit capacity 200 -> 500", set("apis", 500, 0, "limits", "rateLimits", 0, "capacity"));
        c.valid("ok", T, "orders' maxBodyBytes 1MiB -> 2MiB", set("apis", "2MiB", 0, "limits", "maxBodyBytes"));
        c.valid("ok", T, "orders' refillPeriod in ISO-8601 (PT1S)", set("apis", "PT1S", 0, "limits", "rateLimits", 0, "refillPeriod"));
        c.valid("ok", T, "orders with every timeout set", set("apis", FileSlots.map("connect", "2s", "headerRead", "5s", "idle", "30s",
                "upstreamResponse", "10s", "bodyRead", "5s", "send", "10s"), 0, "timeouts"));
        c.valid("ok", T, "orders listens on 127.0.0.1 instead of 0.0.0.0", Edits.listen(0, "127.0.0.1", "orders"));
        c.valid("ok", T, "orders reads PROXY headers from 10.10.0.0/16",
                Edits.all(set("apis", "optional", 0, "proxyProtocol"), set("apis", list("10.10.0.0/16"), 0, "trustedProxies")));
        c.valid("ok", T, "a third route on orders", set("apis", FileSlots.map("path", "/health", "methods", list("GET")), 0, "routes", 2));
        c.valid("ok", T, "no node sections (node.yaml removed)", k -> Files.delete(k.file("node.yaml")));
        c.valid("ok", T, "analytics without TLS", remove("apis", 1, "tls"));
        c.valid("ok", T, "analytics with clientAuth optional", set("apis", "optional", 1, "tls", "clientAuth"));
        c.valid("ok", T, "the audit directory does not exist yet", set("audit", "var/audit/new", "dir"));
        c.valid("ok", T, "the webhook without a secret", remove("alerts", "webhook", "secretFile"));
        c.valid("ok", T, "orders' tokens HMAC-signed (sharedSecrets)", FileSlots::hmacOnly);
        c.valid("ok", T, "orders' policy in a JSON file", k -> FileSlots.policyToFile(k, 0, "policies/orders.json"));
        c.valid("ok", D, "orders renamed orders-v2", set("apis", "orders-v2", 0, "name"));
        c.valid("ok", D, "an admin listener on a free port", Edits.admin("127.0.0.1", "admin"));
        c.valid("ok", D, "an audit log", FileSlots::demoAudit);
        c.valid("ok", D, "TLS on orders", FileSlots::demoTls);
        c.valid("ok", D, "a threat feed from a file", FileSlots::demoFeed);
        c.valid("ok", D, "an alerts webhook with a secret", FileSlots::demoWebhook);
        c.valid("ok", D, "ledger's policy in a JSON file", k -> FileSlots.policyToFile(k, 2, "ledger-policy.json"));
        c.valid("ok", D, "orders' rate limit capacity 5 -> 50", set("apis", 50, 0, "limits", "rateLimits", 0, "capacity"));
        c.valid("ok", D, "the expired rule removed", remove("securityGroups", 0, "ingress", 3));
    }

    private static void reverseKeys(ConfigDir k, String file) {
        Map<String, Object> doc = k.edit(file);
        List<String> keys = new ArrayList<>(doc.keySet());
        Collections.reverse(keys);
        Map<String, Object> reversed = new LinkedHashMap<>();
        keys.forEach(key -> reversed.put(key, doc.get(key)));
        doc.clear();
        doc.putAll(reversed);
    }
}
