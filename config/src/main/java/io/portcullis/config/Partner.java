package io.portcullis.config;

import java.util.List;
import java.util.Map;

/**
 * An external caller admitted by address range (a partner company, a vendor's egress range): a caller of its own,
 * like a workload, but outside every VPC. Every address of its ranges resolves to it, so the network layer's rules
 * on its groups admit it, tokens bind to it ({@code auth.bind}: its groups, account and id) and policies see its
 * account; every address counts as the same caller for limits keyed by workload.
 *
 * @param id the caller's id, unique among partners and workloads (the {@code workload} of its requests' source)
 * @param account the partner's own 12-digit account id; it need not be declared under {@code accounts}
 * @param cidrs its address ranges, canonical; disjoint from each other partner's and from every VPC's
 * @param groups the security groups it belongs to (declared groups, resolved), as a workload belongs to its own
 * @param certificates the client certificate identities that are the partner's (SPIFFE id, URI or lower-case DNS
 *     name, as the certificate names it); such a certificate counts only from the partner's ranges, and with any
 *     listed, only they count from there
 */
public record Partner(String id, String account, List<String> cidrs, List<GroupRef> groups, List<String> certificates,
                      Map<String, String> labels) {
    public Partner {
        cidrs = List.copyOf(cidrs);
        groups = List.copyOf(groups);
        certificates = List.copyOf(certificates);
        labels = Map.copyOf(labels);
    }
}
