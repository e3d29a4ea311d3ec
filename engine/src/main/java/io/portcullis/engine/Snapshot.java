package io.portcullis.engine;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.engine.internal.Addr;
import io.portcullis.engine.internal.ApiIndex;
import io.portcullis.engine.internal.CompiledRule;
import io.portcullis.engine.internal.Model;
import io.portcullis.engine.internal.PartnerIndex;
import io.portcullis.engine.internal.WorkloadEntry;
import io.portcullis.engine.internal.WorkloadIndex;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled configuration answering "may this source reach this API?".
 *
 * <p>Design: rules are indexed per API by the group they reference and by CIDR ({@link ApiIndex}, one primitive
 * array per API); workloads by (VPC, address) ({@link WorkloadIndex}, primitive slots) with their effective
 * groups precomputed and interned; partners by address range ({@link PartnerIndex}, one probe per prefix length
 * present). A decision resolves the caller's VPC (from the endpoint, or the API's own and connected VPCs' address
 * space), looks the workload's group set up with one probe (else the partner's whose range holds the address: the
 * ranges are outside every VPC, so an address is at most one of the two), tests each effective group
 * against the API's Bloom filter and probes the API's group table for those that pass, then the CIDR table once
 * per prefix length present, and returns the matching rule's pre-built {@link Decision}. Cost: O(effective
 * groups + prefix lengths + rules on those keys) and a handful of cache lines; no rule scan, no allocation (IPv4
 * path), no object read before a rule matches (except a timed rule's schedule). Rules and indexes are
 * immutable; the workload index is shared with the owning {@link AccessEngine}, which applies membership changes
 * to it in place.
 */
public final class Snapshot {

    private final Model model;
    private final Map<String, ApiRef> apis;
    private final WorkloadIndex workloads;
    private final PartnerIndex partners;

    Snapshot(Model model, Map<String, ApiIndex> apis, WorkloadIndex workloads, PartnerIndex partners) {
        this.model = model;
        Map<String, ApiRef> refs = new HashMap<>();
        apis.forEach((k, v) -> refs.put(k, new ApiRef(v)));
        this.apis = Map.copyOf(refs);
        this.workloads = workloads;
        this.partners = partners;
    }

    public PortcullisConfig config() {
        return model.config();
    }

    Model model() {
        return model;
    }

    WorkloadIndex workloads() {
        return workloads;
    }

    PartnerIndex partners() {
        return partners;
    }

    public Optional<ApiRef> api(String name) {
        return Optional.ofNullable(apis.get(name));
    }

    /** The VPC index of a declared VPC endpoint, or -1; for {@link #decideIpv4}. */
    public int vpcOfEndpoint(String vpcEndpointId) {
        Integer v = model.endpointVpc().get(vpcEndpointId);
        return v == null ? -1 : v;
    }

    /**
     * The allocation-free decision for an IPv4 caller. {@code vpc} is the caller's VPC index from
     * {@link #vpcOfEndpoint}, or -1 to resolve it from the API's own and connected VPCs.
     */
    public Decision decideIpv4(ApiRef api, int vpc, int ipv4, int protocol, int port, long nowMillis) {
        return decide(api.index, vpc, 4, 0, Addr.ipv4(ipv4), protocol, port, nowMillis);
    }

    /** The decision for a caller, arriving through {@code vpcEndpoint} (empty for none). */
    public Decision decide(String api, InetAddress address, String vpcEndpoint, int protocol, int port, long nowMillis) {
        ApiRef ref = apis.get(api);
        if (ref == null) {
            return unknownApi(api);
        }
        int vpc = -1;
        if (!vpcEndpoint.isEmpty()) {
            vpc = vpcOfEndpoint(vpcEndpoint);
            if (vpc < 0) {
                return Decision.deny(NetworkReasons.UNKNOWN_ENDPOINT, "", "VPC endpoint '" + vpcEndpoint + "' is not declared");
            }
        }
        long[] h = Addr.halves(address);
        return decide(ref.index, vpc, address instanceof Inet4Address ? 4 : 6, h[0], h[1], protocol, port, nowMillis);
    }

    /** The decision for an address in a named VPC (for explanations and tools), or for no VPC when empty. */
    Decision decideInVpc(ApiRef api, String vpcId, InetAddress address, int protocol, int port, long nowMillis) {
        Integer v = model.vpcIndex().get(vpcId);
        long[] h = Addr.halves(address);
        if (v == null) {
            CompiledRule r = api.index.findCidr(address instanceof Inet4Address ? 4 : 6, h[0], h[1], protocol, port, nowMillis);
            return r != null ? r.allow() : api.index.noMatch();
        }
        return decide(api.index, v, address instanceof Inet4Address ? 4 : 6, h[0], h[1], protocol, port, nowMillis);
    }

    /** The decision for a caller arriving directly (no endpoint), resolved as the gateway resolves it. */
    Decision decideDirect(ApiRef api, InetAddress address, int protocol, int port, long nowMillis) {
        long[] h = Addr.halves(address);
        return decide(api.index, -1, address instanceof Inet4Address ? 4 : 6, h[0], h[1], protocol, port, nowMillis);
    }

    /** The partner whose range holds the address, or null. */
    PartnerIndex.Entry partnerAt(InetAddress address) {
        long[] h = Addr.halves(address);
        return partners.at(address instanceof Inet4Address ? 4 : 6, h[0], h[1]);
    }

    WorkloadEntry workloadAt(String vpcId, InetAddress address) {
        Integer v = model.vpcIndex().get(vpcId);
        long[] h = Addr.halves(address);
        return v == null ? null : workloads.get(v, address instanceof Inet4Address ? 4 : 6, h[0], h[1]);
    }

    private Decision decide(ApiIndex api, int vpc, int family, long hi, long lo, int proto, int port, long now) {
        int v = vpc >= 0 ? vpc : api.resolveVpc(family, hi, lo);
        int set = v >= 0 ? workloads.groupSetAt(v, family, hi, lo) : -1;
        int[] pool;
        if (set >= 0) {
            pool = workloads.pool(); // after the set's offset: see WorkloadIndex
        } else {
            set = partners.groupSetAt(family, hi, lo);
            pool = partners.pool();
        }
        if (set >= 0) {
            int r = api.matchGroups(pool, set + 1, set + 1 + pool[set], proto, port, now);
            if (r >= 0) {
                return api.allow(r);
            }
        }
        int r = api.matchCidr(family, hi, lo, proto, port, now);
        return r >= 0 ? api.allow(r) : api.noMatch();
    }

    /**
     * The network layer's admission of a TCP connection to the API's listen port, with the resolved source for
     * later layers. Allocates the {@link Source}; called once per connection.
     */
    public Admission admit(String api, InetAddress address, String vpcEndpoint, long nowMillis) {
        ApiRef ref = apis.get(api);
        Decision d = ref == null ? unknownApi(api) : decide(api, address, vpcEndpoint, 6, ref.port(), nowMillis);
        return new Admission(d, resolve(ref, address, vpcEndpoint));
    }

    /**
     * Who the caller is: VPC, workload, account and effective groups. A partner's address gives the partner as the
     * workload, its account and its groups, with the VPC of the endpoint it came through (else none).
     */
    public Source resolve(ApiRef api, InetAddress address, String vpcEndpoint) {
        requireNonNull(address, "address");
        long[] h = Addr.halves(address);
        int family = address instanceof Inet4Address ? 4 : 6;
        int vpc = vpcEndpoint.isEmpty() ? (api == null ? -1 : api.index.resolveVpc(family, h[0], h[1])) : vpcOfEndpoint(vpcEndpoint);
        WorkloadEntry w = vpc < 0 ? null : workloads.get(vpc, family, h[0], h[1]);
        String vpcId = vpc < 0 ? "" : model.vpcIds().get(vpc);
        if (w == null) {
            PartnerIndex.Entry p = partners.at(family, h[0], h[1]);
            if (p != null) {
                return new Source(vpcId, vpcEndpoint, address, p.id(), p.partner().account(), p.effectiveGroupKeys());
            }
            String account = vpc < 0 ? "" : model.config().vpcs().get(vpc).account();
            return new Source(vpcId, vpcEndpoint, address, "", account, List.of());
        }
        return new Source(vpcId, vpcEndpoint, address, w.id(), w.account(), w.effectiveGroupKeys());
    }

    private Decision unknownApi(String api) {
        return Decision.deny(NetworkReasons.UNKNOWN_API, "", "no API named '" + api + "'");
    }
}
