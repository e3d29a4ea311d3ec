package io.portcullis.cli.corpus;

import static io.portcullis.cli.corpus.Edits.list;
import static io.portcullis.cli.corpus.Edits.set;
import static io.portcullis.cli.corpus.FileSlots.map;

import io.portcullis.cli.corpus.Mutation.Base;
import io.portcullis.cli.corpus.Mutation.Edit;

/** Unknown keys at every level ({@code uk}) and values of the wrong type ({@code ty}). */
final class ShapeMutations {

    private static final Base T = Base.TRADING;
    private static final Base D = Base.DEMO;

    private ShapeMutations() {}

    static void add(Catalog c) {
        unknownKeys(c);
        wrongTypes(c);
    }

    private static void unknownKeys(Catalog c) {
        c.broken("uk", T, "top-level key 'version'", set("version", 2));
        c.broken("uk", T, "top-level 'securityGroup' (typo of securityGroups)", rename("securityGroups", "securityGroup"));
        c.broken("uk", T, "accounts[0].owner", set("accounts", "ops@example.com", 0, "owner"));
        c.broken("uk", T, "vpcs[0].cidr next to cidrs", set("vpcs", "10.10.0.0/16", 0, "cidr"));
        c.broken("uk", T, "connections[0].name", set("connections", "trading-platform", 0, "name"));
        c.broken("uk", T, "vpcEndpoints[0].region", set("vpcEndpoints", "us-east-1", 0, "region"));
        c.broken("uk", T, "prefixLists[0].description", set("prefixLists", "corporate VPN", 0, "description"));
        c.broken("uk", T, "securityGroups[0].ingres (typo of ingress)", set("securityGroups", list(), 0, "ingres"));
        c.broken("uk", T, "securityGroups[0].ingress[0].port next to ports", set("securityGroups", 8443, 0, "ingress", 0, "port"));
        c.broken("uk", T, "securityGroups[0].ingress[0].from.groups", set("securityGroups", list("sg-traders"), 0, "ingress", 0, "from", "groups"));
        c.broken("uk", T, "securityGroups[0].ingress[2].schedule.timezone", set("securityGroups", "UTC", 0, "ingress", 2, "schedule", "timezone"));
        c.broken("uk", T, "workloads[0].address next to addresses", set("workloads", "10.10.1.10", 0, "address"));
        c.broken("uk", T, "workloads[0].tags (workloads have labels)", set("workloads", map("team", "fx"), 0, "tags"));
        c.broken("uk", T, "apis[0].listenAddress", set("apis", "0.0.0.0:1", 0, "listenAddress"));
        c.broken("uk", T, "apis[0].limits.maxBody", set("apis", "1MiB", 0, "limits", "maxBody"));
        c.broken("uk", T, "apis[0].limits.rateLimits[0].burst", set("apis", 10, 0, "limits", "rateLimits", 0, "burst"));
        c.broken("uk", T, "apis[0].routes[0].method next to methods", set("apis", "GET", 0, "routes", 0, "method"));
        c.broken("uk", T, "apis[0].routes[1].requires.role", set("apis", "trading-admin", 0, "routes", 1, "requires", "role"));
        c.broken("uk", T, "apis[0].routes[0].limits.maxHeaderBytes (API-level only)", set("apis", "8KiB", 0, "routes", 0, "limits", "maxHeaderBytes"));
        c.broken("uk", T, "apis[0].auth.jwks (belongs under auth.jwt)", set("apis", "keys/idp-jwks.json", 0, "auth", "jwks"));
        c.broken("uk", T, "apis[0].auth.jwt.issuers", set("apis", list("https://idp.trading.example"), 0, "auth", "jwt", "issuers"));
        c.broken("uk", T, "apis[0].auth.bind.subClaim", set("apis", "sub", 0, "auth", "bind", "subClaim"));
        c.broken("uk", T, "apis[0].auth.jwt.tokenFrom.prefix", set("apis", map("header", "X-Token", "prefix", "Token "), 0, "auth", "jwt", "tokenFrom"));
        c.broken("uk", T, "apis[1].tls.ca (typo of clientCa)", set("apis", "keys/tls/ca.pem", 1, "tls", "ca"));
        c.broken("uk", T, "apis[0].timeouts.read", set("apis", map("read", "10s"), 0, "timeouts"));
        c.broken("uk", T, "apis[0].proxy", set("apis", "off", 0, "proxy"));
        c.broken("uk", T, "admin.port", set("admin", 9000, "port"));
        c.broken("uk", T, "audit.key (typo of signingKey)", set("audit", "keys/audit.key", "key"));
        c.broken("uk", T, "audit.retention.days", set("audit", 30, "retention", "days"));
        c.broken("uk", T, "alerts.webhook.headers", set("alerts", map("X-Team", "trading"), "webhook", "headers"));
        c.broken("uk", T, "alerts.rules[0].severity", set("alerts", "high", "rules", 0, "severity"));
        c.broken("uk", T, "threatFeeds[0].path", set("threatFeeds", "feeds/drop.txt", 0, "path"));
        c.broken("uk", T, "autoBlock.threshold", set("autoBlock", 5, "threshold"));
        c.broken("uk", T, "accessLog.file", set("accessLog", "logs/other.log", "file"));
        c.broken("uk", D, "top-level 'api' (typo of apis)", set("api", list()));
        c.broken("uk", D, "apis[1].auth.bind.workload (typo of workloadClaim)", set("apis", "sub", 1, "auth", "bind", "workload"));
        c.broken("uk", D, "securityGroups[0].ingress[0].form next to from", set("securityGroups", map("group", "sg-batch"), 0, "ingress", 0, "form"));
        c.broken("uk", D, "workloads[0].group next to groups", set("workloads", "sg-traders", 0, "group"));
        c.broken("uk", D, "apis[0].limits.rateLimits[0].refill", set("apis", 5, 0, "limits", "rateLimits", 0, "refill"));
        c.broken("uk", D, "connections[0].vpc", set("connections", "vpc-acme", 0, "vpc"));
    }

    private static void wrongTypes(Catalog c) {
        c.broken("ty", T, "accounts is a mapping, not a list", set("accounts", map("id", "111111111111", "name", "trading")));
        c.broken("ty", T, "vpcs is a string", set("vpcs", "vpc-trading"));
        c.broken("ty", T, "vpcs[0].cidrs is a string, not a list", set("vpcs", "10.10.0.0/16", 0, "cidrs"));
        c.broken("ty", T, "connections[0].vpcs is a mapping", set("connections", map("a", "vpc-trading", "b", "vpc-platform"), 0, "vpcs"));
        c.broken("ty", T, "securityGroups[0].ingress is a mapping", set("securityGroups", map("protocol", "tcp"), 0, "ingress"));
        c.broken("ty", T, "securityGroups[0].ingress[0].ports is a list", set("securityGroups", list(8443), 0, "ingress", 0, "ports"));
        c.broken("ty", T, "securityGroups[0].tags is a list", set("securityGroups", list("tier=api"), 0, "tags"));
        c.broken("ty", T, "securityGroups[0].ingress[0].from is a string", set("securityGroups", "sg-trading-clients", 0, "ingress", 0, "from"));
        c.broken("ty", T, "securityGroups[2].includes is a string", set("securityGroups", "sg-traders", 2, "includes"));
        c.broken("ty", T, "workloads[0].addresses is a string", set("workloads", "10.10.1.10", 0, "addresses"));
        c.broken("ty", T, "workloads[0].labels is a list", set("workloads", list("desk=fx"), 0, "labels"));
        c.broken("ty", T, "workloads[0].groups is a mapping", set("workloads", map("sg-traders", true), 0, "groups"));
        c.broken("ty", T, "apis is a mapping", c2 -> c2.set("apis", map("orders", c2.get("apis", 0))));
        c.broken("ty", T, "apis[0].listen is a bare port number", set("apis", 8443, 0, "listen"));
        c.broken("ty", T, "apis[0].securityGroups is a string", set("apis", "sg-orders-api", 0, "securityGroups"));
        c.broken("ty", T, "apis[0].upstream is a list", set("apis", list("http://10.10.5.20:8080"), 0, "upstream"));
        c.broken("ty", T, "apis[0].limits is a list", set("apis", list("1MiB"), 0, "limits"));
        c.broken("ty", T, "apis[0].limits.maxBodyBytes is a word", set("apis", "lots", 0, "limits", "maxBodyBytes"));
        c.broken("ty", T, "apis[0].limits.maxConnections is a word", set("apis", "many", 0, "limits", "maxConnections"));
        c.broken("ty", T, "apis[0].limits.maxConnections is a fraction", set("apis", 1.5, 0, "limits", "maxConnections"));
        c.broken("ty", T, "apis[0].limits.rateLimits is a mapping", set("apis", map("key", "workload"), 0, "limits", "rateLimits"));
        c.broken("ty", T, "apis[0].limits.rateLimits[0].capacity is a word", set("apis", "two hundred", 0, "limits", "rateLimits", 0, "capacity"));
        c.broken("ty", T, "apis[0].routes is a mapping", set("apis", map("path", "/orders/**"), 0, "routes"));
        c.broken("ty", T, "apis[0].routes[0].methods is a string", set("apis", "GET", 0, "routes", 0, "methods"));
        c.broken("ty", T, "apis[0].auth.jwt is a string", set("apis", "https://idp.trading.example", 0, "auth", "jwt"));
        c.broken("ty", T, "apis[0].auth.jwt.audiences is a string", set("apis", "orders", 0, "auth", "jwt", "audiences"));
        c.broken("ty", T, "apis[0].auth.jwt.clockSkew is a bare number", set("apis", 60, 0, "auth", "jwt", "clockSkew"));
        c.broken("ty", T, "apis[0].auth.jwt.tokenFrom.forward is the string 'yes'", set("apis", map("forward", "yes"), 0, "auth", "jwt", "tokenFrom"));
        c.broken("ty", T, "apis[1].tls is a string", set("apis", "keys/tls/server.pem", 1, "tls"));
        c.broken("ty", T, "apis[1].tls.bindCertificateToWorkload is the string 'true'", set("apis", "true", 1, "tls", "bindCertificateToWorkload"));
        c.broken("ty", T, "apis[0].resourcePolicy is a number", set("apis", 42, 0, "resourcePolicy"));
        c.broken("ty", T, "apis[0].resourcePolicy is a list", set("apis", list("Allow"), 0, "resourcePolicy"));
        c.broken("ty", T, "admin is a string", c2 -> c2.set("admin", "127.0.0.1:" + c2.port("admin")));
        c.broken("ty", T, "admin.listen is a list", c2 -> c2.set("admin", list("127.0.0.1:" + c2.port("admin")), "listen"));
        c.broken("ty", T, "audit.recordQuery is the string 'no'", set("audit", "no", "recordQuery"));
        c.broken("ty", T, "alerts.rules is a mapping", set("alerts", map("name", "denials"), "rules"));
        c.broken("ty", T, "alerts.rules[0].threshold is a word", set("alerts", "lots", "rules", 0, "threshold"));
        c.broken("ty", T, "threatFeeds is a mapping", set("threatFeeds", map("name", "drop")));
        c.broken("ty", T, "autoBlock.failures is a list", set("autoBlock", list(10), "failures"));
        c.broken("ty", D, "apis[0].limits.rateLimits[0].refillPeriod is a bare number", set("apis", 60, 0, "limits", "rateLimits", 0, "refillPeriod"));
        c.broken("ty", D, "securityGroups[0].ingress[2].schedule.days is a string", set("securityGroups", "mon", 0, "ingress", 2, "schedule", "days"));
        c.broken("ty", D, "apis[1].auth.bind is a string", set("apis", "sub", 1, "auth", "bind"));
    }

    /** Renames a top-level section in the file that holds it. */
    static Edit rename(String section, String to) {
        return c -> {
            String file = c.fileOf(section);
            Object value = c.get(section);
            c.remove(section);
            c.edit(file).put(to, value);
        };
    }
}
