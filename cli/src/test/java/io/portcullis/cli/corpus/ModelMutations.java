package io.portcullis.cli.corpus;

import static io.portcullis.cli.corpus.Edits.admin;
import static io.portcullis.cli.corpus.Edits.list;
import static io.portcullis.cli.corpus.Edits.listen;
import static io.portcullis.cli.corpus.Edits.set;
import static io.portcullis.cli.corpus.FileSlots.map;

import io.portcullis.cli.corpus.Mutation.Base;
import io.portcullis.cli.corpus.Mutation.Edit;
import java.util.Map;

/** Duplicate ids ({@code dup}), listeners that clash ({@code port}) and references to nothing ({@code ref}). */
final class ModelMutations {

    private static final Base T = Base.TRADING;
    private static final Base D = Base.DEMO;

    private ModelMutations() {}

    static void add(Catalog c) {
        duplicates(c);
        ports(c);
        references(c);
    }

    private static void duplicates(Catalog c) {
        c.broken("dup", T, "two accounts with id 111111111111", copy("accounts", 0, Map.of("name", "trading-again")));
        c.broken("dup", T, "two VPCs with id vpc-platform", copy("vpcs", 1, Map.of()));
        c.broken("dup", T, "two VPC endpoints with one id", copy("vpcEndpoints", 0, Map.of()));
        c.broken("dup", T, "two prefix lists with one id", copy("prefixLists", 0, Map.of("cidrs", list("10.98.0.0/16"))));
        c.broken("dup", T, "two security groups 111111111111/sg-traders", copy("securityGroups", 3, Map.of("description", "again")));
        c.broken("dup", T, "two workloads with id trader-1", copy("workloads", 0, Map.of("addresses", list("10.10.1.99"))));
        c.broken("dup", T, "two APIs named orders (other port)", k -> k.copyItem("apis", 0, Map.of("listen", "0.0.0.0:" + k.port("spare"))));
        c.broken("dup", T, "two threat feeds named drop", copy("threatFeeds", 0, Map.of()));
        c.broken("dup", T, "two alert rules named denials", k -> {
            k.set("alerts", ConfigDir.deepCopy(k.get("alerts", "rules", 0)), "rules", 2);
        });
        c.broken("dup", T, "two routes of orders with path /orders/** and methods GET, POST", k -> k.set("apis",
                map("path", "/orders/**", "methods", list("GET", "POST")), 0, "routes", 2));
        c.broken("dup", T, "two workloads with address 10.10.1.10 in vpc-trading", set("workloads", "10.10.1.10", 1, "addresses", 0));
        c.broken("dup", T, "a YAML mapping with key 'name' twice", k -> k.replace("apis.yaml", "  - name: orders\n",
                "  - name: orders\n    name: orders\n"));
        c.broken("dup", T, "the admin section in two files", k -> k.write("extra.yaml", "admin: {listen: \"127.0.0.1:" + k.port("spare") + "\"}\n"));
        c.broken("dup", D, "two workloads with id trader-1", copy("workloads", 0, Map.of("addresses", list("127.0.1.99"))));
        c.broken("dup", D, "two APIs named ledger (other port)", k -> k.copyItem("apis", 2, Map.of("listen", "127.0.0.1:" + k.port("admin"))));
        c.broken("dup", D, "two security groups sg-batch", copy("securityGroups", 4, Map.of()));
        c.broken("dup", D, "two accounts with id 222222222222", copy("accounts", 1, Map.of()));
    }

    private static void ports(Catalog c) {
        c.broken("port", T, "analytics listens on orders' 0.0.0.0:PORT", k -> k.set("apis", k.get("apis", 0, "listen"), 1, "listen"));
        c.broken("port", T, "analytics on 127.0.0.1:PORT while orders has 0.0.0.0:PORT", listen(1, "127.0.0.1", "orders"));
        c.broken("port", T, "admin listens on 127.0.0.1:PORT of orders (0.0.0.0:PORT)", admin("127.0.0.1", "orders"));
        c.broken("port", T, "admin listens on 0.0.0.0:PORT of analytics", admin("0.0.0.0", "analytics"));
        // Not here: an address this host does not have, or a port another process holds. Whether a host has an
        // address depends on the machine that runs the node, not on the configuration; validate (often run in CI,
        // on another machine) accepts it and run reports the bind failure.
        c.broken("port", D, "ledger listens on orders' 127.0.0.1:PORT", k -> k.set("apis", k.get("apis", 0, "listen"), 2, "listen"));
        c.broken("port", D, "ledger on localhost:PORT while orders has 127.0.0.1:PORT", listen(2, "localhost", "orders"));
        c.broken("port", D, "admin listens on payments' 127.0.0.1:PORT", admin("127.0.0.1", "payments"));
        c.broken("port", D, "payments on 0.0.0.0:PORT while orders has 127.0.0.1:PORT", listen(1, "0.0.0.0", "orders"));
    }

    private static void references(Catalog c) {
        c.broken("ref", T, "an ingress rule from an unknown group", set("securityGroups", "sg-nosuch", 0, "ingress", 0, "from", "group"));
        c.broken("ref", T, "a group includes an unknown group", set("securityGroups", list("sg-traders", "sg-nosuch"), 2, "includes"));
        c.broken("ref", T, "a group extends an unknown group", set("securityGroups", list("sg-nosuch"), 0, "extends"));
        c.broken("ref", T, "a group in an unknown account", set("securityGroups", "999999999999", 5, "account"));
        c.broken("ref", T, "a group in an unknown VPC", set("securityGroups", "vpc-nosuch", 5, "vpc"));
        c.broken("ref", T, "an ingress rule from an unknown prefix list", set("securityGroups", "pl-nosuch", 0, "ingress", 2, "from", "prefixList"));
        c.broken("ref", T, "an ingress rule from a group of an unknown account", set("securityGroups", "444444444444/sg-batch", 0, "ingress", 1, "from", "group"));
        c.broken("ref", T, "a VPC of an unknown account", set("vpcs", "999999999999", 3, "account"));
        c.broken("ref", T, "a VPC endpoint in an unknown VPC", set("vpcEndpoints", "vpc-nosuch", 0, "vpc"));
        c.broken("ref", T, "a connection to an unknown VPC", set("connections", list("vpc-trading", "vpc-nosuch"), 0, "vpcs"));
        c.broken("ref", T, "a workload in an unknown group", set("workloads", list("sg-nosuch"), 0, "groups"));
        c.broken("ref", T, "a workload in an unknown VPC", set("workloads", "vpc-nosuch", 0, "vpc"));
        c.broken("ref", T, "a workload of an unknown account", set("workloads", "999999999999", 0, "account"));
        c.broken("ref", T, "a workload in a group of another VPC", set("workloads", list("333333333333/sg-analysts"), 0, "groups"));
        c.broken("ref", T, "an API with an unknown group", set("apis", list("sg-nosuch"), 0, "securityGroups"));
        c.broken("ref", T, "an API of an unknown account", set("apis", "999999999999", 0, "account"));
        c.broken("ref", T, "an API in an unknown VPC", set("apis", "vpc-nosuch", 0, "vpc"));
        c.broken("ref", T, "an API with a group of another VPC", set("apis", list("333333333333/sg-analytics-api"), 0, "securityGroups"));
        c.broken("ref", T, "a group includes itself", set("securityGroups", list("sg-trading-clients"), 2, "includes"));
        c.broken("ref", T, "two groups extend each other", set("securityGroups", list("sg-orders-api"), 1, "extends"));
        c.broken("ref", D, "a workload in an unknown group", set("workloads", list("sg-nosuch"), 0, "groups"));
        c.broken("ref", D, "an API with an unknown group", set("apis", list("sg-nosuch"), 1, "securityGroups"));
        c.broken("ref", D, "an ingress rule from an unknown group", set("securityGroups", "sg-nosuch", 0, "ingress", 0, "from", "group"));
        c.broken("ref", D, "a group of an unknown account", set("securityGroups", "999999999999", 2, "account"));
        c.broken("ref", D, "a VPC of an unknown account", set("vpcs", "999999999999", 1, "account"));
        c.broken("ref", D, "a peering with an unknown VPC", set("connections", list("vpc-acme", "vpc-nosuch"), 0, "vpcs"));
    }

    private static Edit copy(String section, int index, Map<String, Object> changes) {
        return k -> k.copyItem(section, index, changes);
    }
}
