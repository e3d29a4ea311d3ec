package io.portcullis.engine.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test-only translation of an {@code aws ec2 describe-*} export into Portcullis YAML, to show the configuration
 * model can express it (the real importer comes later). Every network interface becomes a workload (its private
 * IPv4 and IPv6 addresses, its groups) and an API with the interface's groups attached; every group also gets an
 * API of its own so groups no interface carries can be checked. Each (permission, peer) pair becomes one ingress
 * rule, in the export's order: {@code IpRanges}, {@code Ipv6Ranges}, {@code PrefixListIds}, {@code UserIdGroupPairs}.
 *
 * <p>Lossy on purpose, each recorded in {@link #notes()} and reported to the lead:
 * <ul>
 *   <li>{@code IpPermissionsEgress} is dropped: the model has ingress rules only (rules are stateful and the
 *       gateway checks the direction that opens the connection).</li>
 *   <li>An account id that is not 12 digits (this export's {@code Vpcs[].OwnerId} is {@code "111234"}) is
 *       left-padded with zeros, since {@code accounts[].id} must be 12 digits.</li>
 *   <li>A {@code UserIdGroupPairs} group absent from the export becomes an empty placeholder group in the
 *       referencing group's VPC (or the pair's {@code VpcId}): no interface here carries it, so, as in AWS, it
 *       admits nobody, but it could not be declared otherwise.</li>
 *   <li>ICMP type/code ({@code FromPort}/{@code ToPort} of an icmp permission) cannot be expressed; only -1 (all)
 *       translates, anything else fails the translation loudly.</li>
 *   <li>Subnets and instances ({@code Reservations}) are not mapped: VPC CIDRs contain the subnets, and an
 *       instance's groups live on its interfaces; the instance id is kept as a workload label.</li>
 * </ul>
 */
public final class AwsExportTranslator {

    private final ObjectMapper json = new ObjectMapper();
    private final Path dir;
    private final Set<String> accounts = new LinkedHashSet<>();
    private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> inExport = new LinkedHashSet<>();

    public AwsExportTranslator(Path exportDir) {
        this.dir = exportDir;
    }

    public List<String> notes() {
        return notes;
    }

    public String yaml() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("vpcs", vpcs());
        root.put("connections", each("VpcPeeringConnections.json", "VpcPeeringConnections", p -> Map.of("type", "peering",
                "vpcs", List.of(p.path("RequesterVpcInfo").path("VpcId").asText(), p.path("AccepterVpcInfo").path("VpcId").asText()))));
        root.put("vpcEndpoints", each("VpcEndpoints.json", "VpcEndpoints", e -> Map.of("id", e.path("VpcEndpointId").asText(),
                "vpc", e.path("VpcId").asText())));
        root.put("prefixLists", each("PrefixLists.json", "PrefixLists", p -> Map.of("id", p.path("PrefixListId").asText(),
                "cidrs", texts(p.path("Cidrs")))));
        JsonNode exported = read("SecurityGroups.json").path("SecurityGroups");
        exported.forEach(sg -> inExport.add(account(sg.path("OwnerId").asText()) + "/" + sg.path("GroupId").asText()));
        exported.forEach(this::group);
        List<Map<String, Object>> workloads = new ArrayList<>();
        List<Map<String, Object>> apis = new ArrayList<>();
        for (JsonNode eni : read("NetworkInterfaces.json").path("NetworkInterfaces")) {
            workloads.add(workload(eni));
            apis.add(Map.of("name", "api-" + eni.path("NetworkInterfaceId").asText(), "account", account(eni.path("OwnerId").asText()),
                    "vpc", eni.path("VpcId").asText(), "listen", eni.path("PrivateIpAddress").asText() + ":443",
                    "securityGroups", groupsOf(eni.path("Groups"), eni.path("OwnerId").asText())));
        }
        int port = 20000;
        for (Map<String, Object> g : groups.values()) {
            apis.add(Map.of("name", "api-" + g.get("id"), "account", g.get("account"), "vpc", g.get("vpc"),
                    "listen", "0.0.0.0:" + port++, "securityGroups", List.of(g.get("account") + "/" + g.get("id"))));
        }
        root.put("securityGroups", List.copyOf(groups.values()));
        root.put("workloads", workloads);
        root.put("apis", apis);
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("accounts", accounts.stream().map(a -> Map.of("id", a, "name", "aws-" + a)).toList());
        ordered.putAll(root);
        notes.add("IpPermissionsEgress of every group dropped (ingress-only model)");
        return new ObjectMapper(new YAMLFactory()).writeValueAsString(ordered);
    }

    private List<Map<String, Object>> vpcs() throws IOException {
        return each("Vpcs.json", "Vpcs", v -> {
            List<String> cidrs = new ArrayList<>();
            v.path("CidrBlockAssociationSet").forEach(c -> cidrs.add(c.path("CidrBlock").asText()));
            v.path("Ipv6CidrBlockAssociationSet").forEach(c -> cidrs.add(c.path("Ipv6CidrBlock").asText()));
            return Map.of("id", v.path("VpcId").asText(), "account", account(v.path("OwnerId").asText()), "cidrs", cidrs);
        });
    }

    private void group(JsonNode sg) {
        String owner = sg.path("OwnerId").asText();
        Map<String, Object> g = declare(sg.path("GroupId").asText(), account(owner), sg.path("VpcId").asText(),
                sg.path("Description").asText());
        Map<String, String> tags = new LinkedHashMap<>();
        sg.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        tags.put("aws:GroupName", sg.path("GroupName").asText());
        g.put("tags", tags);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (JsonNode p : sg.path("IpPermissions")) {
            for (JsonNode r : p.path("IpRanges")) {
                rules.add(rule(p, Map.of("cidr", r.path("CidrIp").asText()), r));
            }
            for (JsonNode r : p.path("Ipv6Ranges")) {
                rules.add(rule(p, Map.of("cidr", r.path("CidrIpv6").asText()), r));
            }
            for (JsonNode r : p.path("PrefixListIds")) {
                rules.add(rule(p, Map.of("prefixList", r.path("PrefixListId").asText()), r));
            }
            for (JsonNode r : p.path("UserIdGroupPairs")) {
                String account = account(r.path("UserId").asText(owner));
                String id = r.path("GroupId").asText();
                placeholder(id, account, r.path("VpcId").asText(sg.path("VpcId").asText()), sg.path("GroupId").asText());
                rules.add(rule(p, Map.of("group", account + "/" + id), r));
            }
        }
        g.put("ingress", rules);
    }

    private Map<String, Object> declare(String id, String account, String vpc, String description) {
        Map<String, Object> g = groups.computeIfAbsent(account + "/" + id, k -> new LinkedHashMap<>());
        g.put("id", id);
        g.put("account", account);
        g.put("vpc", vpc);
        g.put("description", description);
        return g;
    }

    private void placeholder(String id, String account, String vpc, String referrer) {
        if (!inExport.contains(account + "/" + id) && !groups.containsKey(account + "/" + id)) {
            declare(id, account, vpc, "placeholder: referenced by " + referrer + ", absent from the export");
            notes.add("group " + account + "/" + id + " referenced by " + referrer + " is absent from the export; declared empty in " + vpc);
        }
    }

    private Map<String, Object> rule(JsonNode permission, Map<String, String> from, JsonNode peer) {
        Map<String, Object> r = new LinkedHashMap<>();
        String protocol = permission.path("IpProtocol").asText();
        r.put("protocol", protocol.equals("-1") ? "all" : protocol);
        boolean ported = protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("6") || protocol.equals("17");
        if (ported && permission.has("FromPort")) {
            int lo = permission.path("FromPort").asInt();
            int hi = permission.path("ToPort").asInt();
            r.put("ports", lo == hi ? Integer.toString(lo) : lo + "-" + hi);
        } else if (!ported && !protocol.equals("-1") && (permission.path("FromPort").asInt(-1) != -1 || permission.path("ToPort").asInt(-1) != -1)) {
            throw new IllegalArgumentException("IpPermissions FromPort/ToPort " + permission.path("FromPort") + "/" + permission.path("ToPort")
                    + " for protocol " + protocol + ": ICMP type/code cannot be expressed (expected: -1, all types)");
        }
        r.put("from", from);
        if (peer.has("Description")) {
            r.put("description", peer.path("Description").asText());
        }
        return r;
    }

    private Map<String, Object> workload(JsonNode eni) {
        List<String> addresses = new ArrayList<>();
        eni.path("PrivateIpAddresses").forEach(a -> addresses.add(a.path("PrivateIpAddress").asText()));
        eni.path("Ipv6Addresses").forEach(a -> addresses.add(a.path("Ipv6Address").asText()));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("description", eni.path("Description").asText());
        labels.put("subnet", eni.path("SubnetId").asText());
        if (eni.path("Attachment").has("InstanceId")) {
            labels.put("instance", eni.path("Attachment").path("InstanceId").asText());
        }
        return Map.of("id", eni.path("NetworkInterfaceId").asText(), "account", account(eni.path("OwnerId").asText()),
                "vpc", eni.path("VpcId").asText(), "addresses", addresses,
                "groups", groupsOf(eni.path("Groups"), eni.path("OwnerId").asText()), "labels", labels);
    }

    /** An interface's groups belong to the interface owner's account (AWS: a group is attached within its account). */
    private List<String> groupsOf(JsonNode groupsNode, String owner) {
        List<String> out = new ArrayList<>();
        groupsNode.forEach(g -> out.add(account(owner) + "/" + g.path("GroupId").asText()));
        return out;
    }

    private String account(String id) {
        String padded = id.length() < 12 && id.matches("\\d+") ? "0".repeat(12 - id.length()) + id : id;
        if (!padded.equals(id) && !accounts.contains(padded)) {
            notes.add("account id '" + id + "' is not 12 digits; padded to '" + padded + "'");
        }
        accounts.add(padded);
        return padded;
    }

    private List<Map<String, Object>> each(String file, String key, java.util.function.Function<JsonNode, Map<String, Object>> f)
            throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        read(file).path(key).forEach(n -> out.add(f.apply(n)));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode read(String file) throws IOException {
        return json.readTree(dir.resolve(file).toFile());
    }
}
