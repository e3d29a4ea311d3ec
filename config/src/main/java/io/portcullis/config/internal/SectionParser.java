package io.portcullis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.Partner;
import io.portcullis.config.PrefixList;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.api.Serving;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one file's YAML tree into records, checking each element on its own (shapes, formats, unknown keys).
 * Cross-references are {@link CrossChecker}'s job. Elements with errors are dropped so later checks do not
 * repeat the same complaint. A file is parsed in two steps: its {@link #elements} depend on nothing outside the
 * file (so files are parsed side by side, {@link ParsedFiles}), its node sections are {@link #finish}ed in file
 * order.
 */
public final class SectionParser {

    private final Problems problems;
    private final Draft draft;
    private final GroupParser groups;
    private final ServingParser serving;
    private final NodeParser node;

    public SectionParser(Problems problems, Draft draft) {
        this.problems = problems;
        this.draft = draft;
        this.groups = new GroupParser(problems);
        this.serving = new ServingParser(problems, groups);
        this.node = new NodeParser(problems, draft, serving);
    }

    /**
     * The file's own elements, each checked on its own: every section but the node's, added to this parser's
     * draft. Returns the file's top-level mapping for {@link #finish}.
     */
    public Fields elements(JsonNode root) {
        Fields f = new Fields(root, "", problems).allowExtensionKeys(); // x-...: anchors for aliases
        if (!f.valid()) {
            return f;
        }
        f.objects("accounts").forEach(e -> account(e.getKey(), e.getValue()));
        f.objects("vpcs").forEach(e -> vpc(e.getKey(), e.getValue()));
        f.objects("connections").forEach(e -> connection(e.getKey(), e.getValue()));
        f.objects("vpcEndpoints").forEach(e -> endpoint(e.getKey(), e.getValue()));
        f.objects("prefixLists").forEach(e -> prefixList(e.getKey(), e.getValue()));
        f.objects("securityGroups").forEach(e -> add(draft.securityGroups, e.getKey(), groups.group(e.getKey(), e.getValue())));
        f.objects("workloads").forEach(e -> workload(e.getKey(), e.getValue()));
        f.objects("partners").forEach(e -> partner(e.getKey(), e.getValue()));
        f.objects("apis").forEach(e -> api(e.getKey(), e.getValue()));
        f.objects("awsApis").forEach(e -> awsApi(e.getKey(), e.getValue()));
        return f;
    }

    /**
     * The node sections of the file whose {@link #elements} gave {@code root}, into this parser's draft (the merged
     * one: a node section may appear in one file only, so files are finished in order), then the file's unknown
     * top-level keys.
     */
    public void finish(Fields root) {
        if (!root.valid()) {
            return;
        }
        node.parse(root);
        root.done();
    }

    private <T> void add(List<Located<T>> list, String path, T value) {
        if (value != null) {
            list.add(new Located<>(value, new Problems.Where(problems.file(), path)));
        }
    }

    private void account(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = f.required("id", Values.ACCOUNT, "a 12-digit account id");
        String name = f.required("name", "a display name");
        Map<String, String> tags = f.stringMap("tags");
        f.done();
        if (id != null && name != null) {
            add(draft.accounts, path, new Account(id, name, tags));
        }
    }

    private void vpc(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = f.required("id", Values.VPC, "a VPC id, vpc-...");
        String account = f.required("account", Values.ACCOUNT, "a 12-digit account id");
        List<String> cidrs = cidrs(f, "cidrs");
        if (f.valid() && !f.has("cidrs")) {
            problems.error(f.path("cidrs"), "missing (expected: the VPC's CIDRs)");
        }
        String region = region(f);
        Map<String, String> tags = f.stringMap("tags");
        f.done();
        if (id != null && account != null && cidrs != null && region != null) {
            add(draft.vpcs, path, new Vpc(id, account, cidrs, region, tags));
        }
    }

    /** The CIDRs under {@code key}, normalized; null if any is invalid. */
    List<String> cidrs(Fields f, String key) {
        List<String> raw = f.strings(key, "CIDRs");
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < raw.size(); i++) {
            IPAddress a = Values.cidr(raw.get(i), f.path(key) + "[" + i + "]", problems);
            ok &= a != null;
            if (a != null) {
                out.add(a.toCanonicalString());
            }
        }
        return ok ? out : null;
    }

    private void connection(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String type = f.required("type", "peering or transit-gateway");
        List<String> vpcs = f.strings("vpcs", "VPC ids");
        f.done();
        Connection.Type t = null;
        if ("peering".equals(type)) {
            t = Connection.Type.PEERING;
            if (vpcs.size() != 2) {
                problems.error(f.path("vpcs"), vpcs.size() + " VPCs (expected: exactly 2 for peering)");
                t = null;
            }
        } else if ("transit-gateway".equals(type)) {
            t = Connection.Type.TRANSIT_GATEWAY;
            if (vpcs.size() < 2) {
                problems.error(f.path("vpcs"), vpcs.size() + " VPCs (expected: at least 2 for a transit gateway)");
                t = null;
            }
        } else if (type != null) {
            problems.error(f.path("type"), "'" + type + "' (expected: peering or transit-gateway)");
        }
        if (t != null) {
            add(draft.connections, path, new Connection(t, vpcs));
        }
    }

    private void endpoint(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = f.required("id", Values.ENDPOINT, "a VPC endpoint id, vpce-...");
        String vpc = f.required("vpc", "a VPC id");
        String account = f.has("account") ? f.required("account", Values.ACCOUNT, "a 12-digit account id") : "";
        String service = f.has("service") ? f.required("service", "a service name, com.amazonaws.REGION.SERVICE") : "";
        List<GroupRef> refs = f.has("securityGroups") && "".equals(account) && f.valid()
                ? needsAccount(f, "securityGroups") : groupRefs(f, "securityGroups", account);
        Optional<PolicySource> policy = policy(f, "policy"); // null: reported
        Map<String, String> tags = f.stringMap("tags");
        f.done();
        if (id != null && vpc != null && account != null && service != null && refs != null && policy != null) {
            add(draft.vpcEndpoints, path, new VpcEndpoint(id, vpc, account, service, refs, policy, tags));
        }
    }

    private void prefixList(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = f.required("id", Values.PREFIX_LIST, "a prefix list id, pl-...");
        List<String> cidrs = cidrs(f, "cidrs");
        f.done();
        if (id != null && cidrs != null) {
            add(draft.prefixLists, path, new PrefixList(id, cidrs));
        }
    }

    private void workload(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = Values.matching(f.required("id", "a workload id"), Values.NAME, f.path("id"), "a workload id of letters, digits and ._:/@-", problems);
        String account = f.required("account", Values.ACCOUNT, "a 12-digit account id");
        String vpc = f.required("vpc", "a VPC id");
        List<String> rawAddresses = f.strings("addresses", "IP addresses");
        if (f.valid() && rawAddresses.isEmpty()) {
            problems.error(f.path("addresses"), "missing or empty (expected: at least one private IPv4 or IPv6 address)");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < rawAddresses.size(); i++) {
            IPAddress a = Values.address(rawAddresses.get(i), f.path("addresses") + "[" + i + "]", problems);
            addresses.add(a == null ? null : a.toCanonicalString());
        }
        List<GroupRef> refs = groupRefs(f, "groups", account);
        Map<String, String> labels = f.stringMap("labels");
        f.done();
        if (id != null && account != null && vpc != null && !addresses.contains(null) && refs != null) {
            add(draft.workloads, path, new Workload(id, account, vpc, addresses, refs, labels));
        }
    }

    private void partner(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = Values.matching(f.required("id", "a partner id"), Values.NAME, f.path("id"), "a partner id of letters, digits and ._:/@-", problems);
        String account = f.required("account", Values.ACCOUNT, "the partner's 12-digit account id");
        List<String> cidrs = cidrs(f, "cidrs");
        if (f.valid() && cidrs != null && cidrs.isEmpty()) {
            problems.error(f.path("cidrs"), "missing or empty (expected: the partner's address ranges)");
            cidrs = null;
        }
        List<GroupRef> refs = groupRefs(f, "groups", account);
        List<String> rawCertificates = f.strings("certificates", "certificate identities");
        List<String> certificates = new ArrayList<>();
        for (int i = 0; i < rawCertificates.size(); i++) {
            certificates.add(Values.certificateIdentity(rawCertificates.get(i), f.path("certificates") + "[" + i + "]", problems));
        }
        Map<String, String> labels = f.stringMap("labels");
        f.done();
        if (id != null && account != null && cidrs != null && refs != null && !certificates.contains(null)) {
            add(draft.partners, path, new Partner(id, account, cidrs, refs, certificates, labels));
        }
    }

    private void api(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String name = Values.matching(f.required("name", "an API name"), Values.NAME, f.path("name"), "an API name of letters, digits and ._:/@-", problems);
        String account = f.required("account", Values.ACCOUNT, "a 12-digit account id");
        String vpc = f.required("vpc", "a VPC id");
        String listen = f.required("listen", "HOST:PORT");
        List<GroupRef> refs = groupRefs(f, "securityGroups", account);
        if (f.valid() && !f.has("securityGroups")) {
            problems.error(f.path("securityGroups"), "missing (expected: the security groups attached to the API)");
        }
        Map<String, String> tags = f.stringMap("tags");
        String purpose = f.optional("purpose", "text");
        String owner = f.optional("owner", "text");
        Serving served = f.valid() ? serving.parse(f, name == null ? "api" : name) : null;
        f.done();
        HostPort hp = listen == null ? null : HostPort.parse(listen, f.path("listen"), problems);
        if (name != null && account != null && vpc != null && hp != null && refs != null && served != null) {
            add(draft.apis, path, new Api(name, account, vpc, hp.host(), hp.port(), refs, served, tags,
                    purpose == null ? "" : purpose, owner == null ? "" : owner));
        }
    }

    private static final Pattern REST_API_ID = Pattern.compile("[a-z0-9]{10}");
    private static final List<String> ENDPOINT_TYPES = List.of("PRIVATE", "REGIONAL", "EDGE");

    private void awsApi(String path, JsonNode node) {
        Fields f = new Fields(node, path, problems);
        String id = f.required("id", REST_API_ID, "an API Gateway REST API id, 10 lower-case letters and digits");
        String name = f.required("name", "the API's name");
        String account = f.required("account", Values.ACCOUNT, "a 12-digit account id");
        String region = f.has("region") ? region(f) : null;
        if (f.valid() && !f.has("region")) {
            problems.error(f.path("region"), "missing (expected: the API's region, like us-east-1)");
        }
        List<String> types = f.strings("endpointTypes", "endpoint types");
        boolean typesOk = !types.isEmpty() || !f.valid();
        if (f.valid() && types.isEmpty()) {
            problems.error(f.path("endpointTypes"), "missing or empty (expected: one of " + ENDPOINT_TYPES + ")");
        }
        for (int i = 0; i < types.size(); i++) {
            if (!ENDPOINT_TYPES.contains(types.get(i))) {
                problems.error(f.path("endpointTypes") + "[" + i + "]", "'" + types.get(i) + "' (expected: one of " + ENDPOINT_TYPES + ")");
                typesOk = false;
            }
        }
        List<String> endpoints = f.strings("vpcEndpointIds", "VPC endpoint ids");
        for (int i = 0; i < endpoints.size(); i++) {
            if (Values.matching(endpoints.get(i), Values.ENDPOINT, f.path("vpcEndpointIds") + "[" + i + "]", "a VPC endpoint id, vpce-...", problems) == null) {
                typesOk = false;
            }
        }
        Optional<PolicySource> policy = policy(f, "resourcePolicy"); // null: reported
        List<String> stages = f.strings("stages", "stage names");
        Map<String, String> tags = f.stringMap("tags");
        f.done();
        if (id != null && name != null && account != null && region != null && typesOk && policy != null) {
            add(draft.awsApis, path, new AwsApi(id, name, account, region, types, endpoints, policy, stages, tags));
        }
    }

    /** The optional policy document under {@code key}; null after reporting one that cannot be read. */
    private Optional<PolicySource> policy(Fields f, String key) {
        if (!f.has(key)) {
            return Optional.empty();
        }
        PolicySource p = PolicySources.read(f.path(key), f.raw(key), problems);
        return p == null ? null : Optional.of(p);
    }

    /** The optional {@code region} ({@code ""} when absent); null after reporting a malformed one. */
    private String region(Fields f) {
        return f.has("region") ? f.required("region", Values.REGION, "an AWS region, like us-east-1") : "";
    }

    private List<GroupRef> needsAccount(Fields f, String key) {
        List<String> raw = f.strings(key, "group references");
        boolean bare = raw.stream().anyMatch(r -> r.startsWith("sg-"));
        if (bare) {
            problems.error(f.path(key), "a group without its account and no 'account' on the endpoint (expected: "
                    + "the endpoint's account, or each group written ACCOUNT/sg-id)");
            return null;
        }
        return groupRefs(f, key, "");
    }

    /** Group references under {@code key}, resolved against {@code account}; null if any is invalid. */
    List<GroupRef> groupRefs(Fields f, String key, String account) {
        List<String> raw = f.strings(key, "group references");
        List<GroupRef> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(Values.groupRef(raw.get(i), account, f.path(key) + "[" + i + "]", problems));
        }
        return out.stream().allMatch(Objects::nonNull) ? out : null;
    }
}
