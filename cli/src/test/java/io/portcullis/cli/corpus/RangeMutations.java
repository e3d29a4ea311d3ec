package io.portcullis.cli.corpus;

import static io.portcullis.cli.corpus.Edits.set;

import io.portcullis.cli.corpus.Mutation.Base;

/** Values of the right type outside their range ({@code rng}): ports, sizes, counts, durations, addresses. */
final class RangeMutations {

    private static final Base T = Base.TRADING;
    private static final Base D = Base.DEMO;

    private RangeMutations() {}

    static void add(Catalog c) {
        listeners(c);
        limits(c);
        node(c);
        network(c);
    }

    private static void listeners(Catalog c) {
        c.broken("rng", T, "apis[0].listen port 0", set("apis", "0.0.0.0:0", 0, "listen"));
        c.broken("rng", T, "apis[0].listen port 65536", set("apis", "0.0.0.0:65536", 0, "listen"));
        c.broken("rng", D, "apis[2].listen port 99999", set("apis", "127.0.0.1:99999", 2, "listen"));
        c.broken("rng", T, "admin.listen port 0", set("admin", "127.0.0.1:0", "listen"));
        c.broken("rng", T, "admin.listen port 65536", set("admin", "127.0.0.1:65536", "listen"));
    }

    private static void limits(Catalog c) {
        c.broken("rng", T, "apis[0].limits.maxBodyBytes 0", set("apis", 0, 0, "limits", "maxBodyBytes"));
        c.broken("rng", T, "apis[0].limits.maxBodyBytes -1", set("apis", -1, 0, "limits", "maxBodyBytes"));
        c.broken("rng", T, "apis[0].limits.maxHeaderBytes 100 (the gateway needs >= 256)", set("apis", 100, 0, "limits", "maxHeaderBytes"));
        c.broken("rng", T, "apis[0].limits.maxHeaderBytes 0", set("apis", 0, 0, "limits", "maxHeaderBytes"));
        c.broken("rng", T, "apis[0].limits.maxConnections 0", set("apis", 0, 0, "limits", "maxConnections"));
        c.broken("rng", T, "apis[0].limits.maxConnections -5", set("apis", -5, 0, "limits", "maxConnections"));
        c.broken("rng", T, "apis[0].limits.maxConnectionsPerSource 3000000000 (> int)", set("apis", 3000000000L, 0, "limits", "maxConnectionsPerSource"));
        c.broken("rng", T, "apis[0].limits.maxRequestsInFlightPerSource 0", set("apis", 0, 0, "limits", "maxRequestsInFlightPerSource"));
        c.broken("rng", T, "apis[0].limits.maxUpstreamConnections -1", set("apis", -1, 0, "limits", "maxUpstreamConnections"));
        c.broken("rng", T, "apis[0].limits.rateLimits[0].capacity 0", set("apis", 0, 0, "limits", "rateLimits", 0, "capacity"));
        c.broken("rng", T, "apis[0].limits.rateLimits[0].capacity -10", set("apis", -10, 0, "limits", "rateLimits", 0, "capacity"));
        c.broken("rng", T, "apis[0].limits.rateLimits[0].refillTokens 0", set("apis", 0, 0, "limits", "rateLimits", 0, "refillTokens"));
        c.broken("rng", T, "apis[0].limits.rateLimits[0].refillPeriod 0s", set("apis", "0s", 0, "limits", "rateLimits", 0, "refillPeriod"));
        c.broken("rng", T, "apis[0].limits.rateLimits[0].refillPeriod PT0.0001S (under 1ms)",
                set("apis", "PT0.0001S", 0, "limits", "rateLimits", 0, "refillPeriod"));
        c.broken("rng", T, "apis[0].timeouts.connect 0s", set("apis", FileSlots.map("connect", "0s"), 0, "timeouts"));
        c.broken("rng", T, "apis[0].timeouts.idle -5s", set("apis", FileSlots.map("idle", "-5s"), 0, "timeouts"));
        c.broken("rng", T, "apis[0].auth.failureFloor 5s (at most 1s)", set("apis", "5s", 0, "auth", "failureFloor"));
        c.broken("rng", T, "apis[0].auth.jwt.clockSkew 0s", set("apis", "0s", 0, "auth", "jwt", "clockSkew"));
        c.broken("rng", D, "apis[0].limits.maxBodyBytes 0", set("apis", 0, 0, "limits", "maxBodyBytes"));
        c.broken("rng", D, "apis[0].limits.rateLimits[0].capacity 0", set("apis", 0, 0, "limits", "rateLimits", 0, "capacity"));
        c.broken("rng", D, "apis[0].limits.maxHeaderBytes 255 (the gateway needs >= 256)", set("apis", 255, 0, "limits", "maxHeaderBytes"));
    }

    private static void node(Catalog c) {
        c.broken("rng", T, "audit.checkpointInterval 0s", set("audit", "0s", "checkpointInterval"));
        c.broken("rng", T, "audit.fsyncInterval 0ms", set("audit", "0ms", "fsyncInterval"));
        c.broken("rng", T, "audit.retention.maxBytes 0", set("audit", 0, "retention", "maxBytes"));
        c.broken("rng", T, "alerts.webhook.attempts 0", set("alerts", 0, "webhook", "attempts"));
        c.broken("rng", T, "alerts.webhook.attempts 21 (at most 20)", set("alerts", 21, "webhook", "attempts"));
        c.broken("rng", T, "alerts.webhook.maxBackoff 100ms below initialBackoff 500ms", set("alerts", "100ms", "webhook", "maxBackoff"));
        c.broken("rng", T, "alerts.rules[0].window 8d (counting rules: at most 7d)", set("alerts", "8d", "rules", 0, "window"));
        c.broken("rng", T, "alerts.rules[0].window 500ms (counting rules: at least 1s)", set("alerts", "500ms", "rules", 0, "window"));
        c.broken("rng", T, "alerts.rules[0].threshold 0", set("alerts", 0, "rules", 0, "threshold"));
        c.broken("rng", T, "threatFeeds[0].refresh 0s", set("threatFeeds", "0s", 0, "refresh"));
        c.broken("rng", T, "autoBlock.failures 0", set("autoBlock", 0, "failures"));
        c.broken("rng", T, "autoBlock.failures 2000000 (at most 1000000)", set("autoBlock", 2000000, "failures"));
        c.broken("rng", T, "autoBlock.window 0s", set("autoBlock", "0s", "window"));
    }

    private static void network(Catalog c) {
        c.broken("rng", T, "workloads[0].addresses[0] outside its VPC", set("workloads", "10.99.9.9", 0, "addresses", 0));
        c.broken("rng", T, "securityGroups[0].ingress[0].ports 9000-8000 (reversed)", set("securityGroups", "9000-8000", 0, "ingress", 0, "ports"));
        c.broken("rng", T, "securityGroups[0].ingress[0].ports 70000", set("securityGroups", 70000, 0, "ingress", 0, "ports"));
        c.broken("rng", T, "securityGroups[0].ingress[0].protocol 256", set("securityGroups", 256, 0, "ingress", 0, "protocol"));
        c.broken("rng", T, "securityGroups[0].ingress[2].schedule.from 25:00", set("securityGroups", "25:00", 0, "ingress", 2, "schedule", "from"));
        c.broken("rng", T, "vpcs[0].cidrs[0] 10.10.0.1/16 (host bits set)", set("vpcs", "10.10.0.1/16", 0, "cidrs", 0));
        c.broken("rng", T, "accounts[0].id has 11 digits", set("accounts", "11111111111", 0, "id"));
        c.broken("rng", D, "workloads[0].addresses[0] 127.0.3.1 outside vpc-acme", set("workloads", "127.0.3.1", 0, "addresses", 0));
        c.broken("rng", D, "securityGroups[0].ingress[3].expires is not an instant", set("securityGroups", "next tuesday", 0, "ingress", 3, "expires"));
    }
}
