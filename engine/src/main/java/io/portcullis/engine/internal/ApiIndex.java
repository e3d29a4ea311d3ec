package io.portcullis.engine.internal;

import io.portcullis.config.Api;
import io.portcullis.decision.Decision;
import java.util.List;

/**
 * Everything needed to decide for one API: the rules of its attached groups (own and inherited) indexed by the
 * group they reference and by CIDR, the VPCs a direct caller can come from, and the pre-built denial.
 *
 * @param byGroup referenced group index → rules admitting members of that group (stale references excluded)
 * @param cidrs CIDR and prefix-list rules
 * @param sourceVpcs the API's VPC and the VPCs connected to it, with their address ranges, for resolving the VPC
 *     of a caller that did not arrive through a VPC endpoint
 * @param rules every compiled rule, in configuration order, for explanations
 * @param stale rules whose group reference crosses unconnected VPCs and therefore matches nothing
 */
public record ApiIndex(Api api, int vpc, IntObjectMap<CompiledRule[]> byGroup, PrefixTable cidrs,
                       List<VpcRange> sourceVpcs, List<CompiledRule> rules, List<CompiledRule> stale, Decision noMatch) {

    /** An address range of a VPC, for resolving which VPC a direct caller's address belongs to. */
    public record VpcRange(int vpc, int family, long hi, long lo, int bits) {
        boolean contains(int fam, long h, long l) {
            int width = fam == 4 ? 32 : 128;
            return fam == family && Addr.maskHi(h, bits, width) == hi && Addr.maskLo(l, bits, width) == lo;
        }
    }

    /** The VPC among the API's own and connected VPCs whose address space holds the address, or -1. */
    public int resolveVpc(int family, long hi, long lo) {
        for (int i = 0, n = sourceVpcs.size(); i < n; i++) {
            VpcRange r = sourceVpcs.get(i);
            if (r.contains(family, hi, lo)) {
                return r.vpc;
            }
        }
        return -1;
    }

    /** The first rule that admits a member of any of {@code groups}, or null. */
    public CompiledRule findForGroups(int[] groups, int proto, int port, long nowMillis) {
        for (int g : groups) {
            CompiledRule[] rs = byGroup.get(g);
            if (rs != null) {
                for (CompiledRule r : rs) {
                    if (r.matchesTraffic(proto, port) && r.inForceAt(nowMillis)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }
}
