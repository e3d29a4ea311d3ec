package io.portcullis.runtime.assurance;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.Api;
import io.portcullis.config.BoundaryTags;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.SourceSpec;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenant-isolation matrix of a plan: for every tenant position (a workload, a group, a VPC endpoint whose
 * tenant is declared by tag or account, {@link BoundaryTags}) and every API, whether the engine admits it and by
 * which rule. The expectation is the engine's own answer ({@link Explainer#check}, as {@code portcullis check}
 * gives it), so the probe compares the running gateway with the plan, not with a second reading of the rules.
 *
 * <p>A group position is a hypothetical member of the group ({@code check group:...}); it is played by a workload
 * whose only group it is. A VPC endpoint position is a caller known only by the endpoint it came through: an
 * address of the endpoint's VPC that no workload holds, arriving in a PROXY v2 header with the endpoint's TLV.
 */
public record IsolationMatrix(String tenantKey, List<Position> positions, List<Target> apis, List<Cell> cells) {

    public IsolationMatrix {
        requireNonNull(tenantKey, "tenantKey");
        positions = List.copyOf(positions);
        apis = List.copyOf(apis);
        cells = List.copyOf(cells);
    }

    /** What kind of caller a position is. */
    public enum Kind { WORKLOAD, GROUP, ENDPOINT }

    /**
     * A tenant position. {@code address} is the source the probe plays (null when none can: a group without a
     * member of its own); {@code vpcEndpoint} is set for an endpoint position.
     */
    public record Position(Kind kind, String id, String tenant, String address, String vpcEndpoint, String played) {
        public String label() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }

    /** An API and its tenant ({@code null}: the API declares none). */
    public record Target(String api, String tenant, String host, int port) {}

    /**
     * One cell: {@code admitted} by the engine, with the deciding rule (the admitting rule, or the reason of the
     * denial); {@code crossTenant} when the position's tenant and the API's differ.
     */
    public record Cell(Position position, Target api, boolean admitted, String rule, boolean crossTenant) {}

    /**
     * The matrix of {@code config} under {@code explainer} at {@code at}; {@code tenants} (empty: all) limits the
     * positions to those tenants.
     */
    public static IsolationMatrix derive(PortcullisConfig config, Explainer explainer, String tenantKey,
                                         Set<String> tenants, Instant at) {
        BoundaryTags tags = new BoundaryTags(config);
        List<Position> positions = new ArrayList<>();
        for (Workload w : config.workloads()) {
            add(positions, tenants, new Position(Kind.WORKLOAD, w.id(), tags.of(w, tenantKey), w.addresses().get(0), "",
                    "workload " + w.id()));
        }
        for (SecurityGroup g : config.securityGroups()) {
            Workload member = config.workloads().stream().filter(w -> w.groups().equals(List.of(g.ref()))).findFirst()
                    .orElse(null);
            add(positions, tenants, new Position(Kind.GROUP, g.key(), tags.of(g, tenantKey),
                    member == null ? null : member.addresses().get(0), "",
                    member == null ? "no workload whose only group it is" : "workload " + member.id()));
        }
        Set<String> held = new HashSet<>();
        config.workloads().forEach(w -> held.addAll(w.addresses()));
        for (VpcEndpoint e : config.vpcEndpoints()) {
            String address = config.vpcs().stream().filter(v -> v.id().equals(e.vpc())).findFirst()
                    .map(v -> freeAddress(v, held)).orElse(null);
            add(positions, tenants, new Position(Kind.ENDPOINT, e.id(), tags.of(e, tenantKey), address, e.id(),
                    address == null ? "no free address in " + e.vpc() : "an address of " + e.vpc() + " through " + e.id()));
        }
        List<Target> apis = config.apis().stream().map(a -> new Target(a.name(), tags.of(a, tenantKey), a.listenHost(),
                a.listenPort())).toList();
        List<Cell> cells = new ArrayList<>();
        for (Position p : positions) {
            for (Target t : apis) {
                Explanation x = explainer.check(spec(config, p), t.api(), 6, null, at);
                String rule = x.decision().allowed() ? ruleOf(x) : x.decision().reason().code()
                        + (x.decision().detail().isEmpty() ? "" : ": " + x.decision().detail());
                cells.add(new Cell(p, t, x.decision().allowed(), rule,
                        t.tenant() != null && !t.tenant().equals(p.tenant())));
            }
        }
        return new IsolationMatrix(tenantKey, positions, apis, cells);
    }

    /** The APIs' listen addresses replaced, by API name. */
    public IsolationMatrix against(java.util.Map<String, java.net.InetSocketAddress> targets) {
        List<Target> moved = apis.stream().map(t -> targets.containsKey(t.api()) ? new Target(t.api(), t.tenant(),
                targets.get(t.api()).getHostString(), targets.get(t.api()).getPort()) : t).toList();
        List<Cell> movedCells = cells.stream().map(c -> new Cell(c.position(), moved.get(apis.indexOf(c.api())),
                c.admitted(), c.rule(), c.crossTenant())).toList();
        return new IsolationMatrix(tenantKey, positions, moved, movedCells);
    }

    private static void add(List<Position> out, Set<String> tenants, Position p) {
        if (p.tenant() != null && (tenants.isEmpty() || tenants.contains(p.tenant()))) {
            out.add(p);
        }
    }

    private static SourceSpec spec(PortcullisConfig config, Position p) {
        return switch (p.kind()) {
            case WORKLOAD -> new SourceSpec.OfWorkload(p.id());
            case GROUP -> {
                SecurityGroup g = config.securityGroups().stream().filter(x -> x.key().equals(p.id())).findFirst().orElseThrow();
                yield new SourceSpec.OfGroup(g.account(), g.id());
            }
            case ENDPOINT -> {
                String vpc = config.vpcEndpoints().stream().filter(e -> e.id().equals(p.id())).findFirst().orElseThrow().vpc();
                IPAddress a = p.address() == null ? null : new IPAddressString(p.address()).getAddress();
                // With no free address the cell is still derived, for the first address of the VPC; it is not played.
                yield new SourceSpec.OfAddress(a != null ? a : new IPAddressString(firstCidr(config, vpc)).getAddress()
                        .getLower().withoutPrefixLength(), vpc);
            }
        };
    }

    private static String firstCidr(PortcullisConfig config, String vpc) {
        return config.vpcs().stream().filter(v -> v.id().equals(vpc)).findFirst().map(v -> v.cidrs().get(0)).orElseThrow();
    }

    /** The last usable address of the VPC's first range that no workload holds, or null. */
    private static String freeAddress(Vpc v, Set<String> held) {
        IPAddress range = new IPAddressString(v.cidrs().get(0)).getAddress().toPrefixBlock();
        IPAddress candidate = range.getUpper().withoutPrefixLength();
        for (int i = 0; i < 16 && candidate != null && range.contains(candidate); i++) {
            candidate = candidate.increment(-1);
            if (candidate != null && range.contains(candidate) && !held.contains(candidate.toCanonicalString())) {
                return candidate.toCanonicalString();
            }
        }
        return null;
    }

    /** The admitting rule as the explanation's path ends: "111111111111/sg-api ingress[0] tcp/8443 from ...". */
    private static String ruleOf(Explanation x) {
        return x.path().isEmpty() ? x.decision().decidedBy() : x.path().get(x.path().size() - 1);
    }

    /** The matrix's API of {@code name}. */
    public Target api(String name) {
        return apis.stream().filter(a -> a.api().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown API '" + name + "' (expected one of: "
                        + apis.stream().map(Target::api).toList() + ")"));
    }

    static Api configApi(PortcullisConfig config, String name) {
        return config.apis().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
