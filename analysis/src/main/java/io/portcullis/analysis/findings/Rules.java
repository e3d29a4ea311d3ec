package io.portcullis.analysis.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog: every rule {@code analyze} has, in the order docs/analyze.md presents them. */
public final class Rules {

    public static final Rule API_WIDE_SOURCE = new Rule("PC-NET-001", "ApiReachableFromWideRange",
            "API reachable from 0.0.0.0/0, ::/0 or a range wider than the allowed prefix",
            "The engine admits connections to the API's listen port from an address range wider than --max-prefix "
                    + "(default /16 for IPv4, /48 for IPv6). A private API should be reached from its callers' groups "
                    + "or narrow ranges only.",
            "Replace the CIDR rule with a rule from the callers' security group, or narrow the range.");
    public static final Rule GROUP_WIDE_SOURCE = new Rule("PC-NET-002", "GroupReachableFromWideRange",
            "Security group admits 0.0.0.0/0, ::/0 or a range wider than the allowed prefix",
            "A security group that no Portcullis API carries (an instance's, an endpoint's) admits an address "
                    + "range wider than --max-prefix.",
            "Admit the callers' security group, or narrow the range to the callers' addresses.");
    public static final Rule RISKY_PORT = new Rule("PC-NET-003", "HighRiskPortOpenWide",
            "High-risk port (administration, database) or all traffic open to a wide range",
            "SSH, RDP, database and cache ports, or every port (protocol all), are admitted from 0.0.0.0/0, ::/0 "
                    + "or a range wider than --max-prefix. The ports are configurable (--risky-ports).",
            "Remove the rule; reach administration ports through a bastion, Session Manager or a VPN range, and "
                    + "databases from their clients' security groups only.");
    public static final Rule UNKNOWN_PREFIX_LIST = new Rule("PC-NET-004", "RuleAdmitsUnknownPrefixList",
            "Rule admits a prefix list whose entries are not in the estate",
            "The rule's source is a prefix list with no entries here: the import declares a list whose entries the "
                    + "export does not give without any. The engine then admits nobody through the rule, while AWS "
                    + "admits whatever the list holds, possibly 0.0.0.0/0, so what the rule exposes cannot be analysed. "
                    + "High when its ports hold a high-risk port (--risky-ports).",
            "Export the list's entries (aws ec2 get-managed-prefix-list-entries --prefix-list-id ID, in the account "
                    + "that owns it) and import again; or replace the rule with the ranges it is meant to admit.");
    public static final Rule MISSING_GROUP = new Rule("PC-STALE-001", "RuleReferencesMissingGroup",
            "Rule references a security group that is not in the estate",
            "The rule admits members of a group the import found only as a reference (tag portcullis:imported: "
                    + "referenced-only): a deleted group, or one of an account that was not imported.",
            "Remove the rule if the group was deleted; otherwise import the account that owns it.");
    public static final Rule UNCONNECTED_REFERENCE = new Rule("PC-STALE-002", "RuleReferencesUnconnectedGroup",
            "Rule references a group across VPCs that are not connected",
            "The engine marks the rule stale: the referenced group is in a VPC with no peering or transit gateway "
                    + "to the rule's VPC, so the rule matches nothing.",
            "Remove the rule, or connect the VPCs if the traffic is meant to flow.");
    public static final Rule ISOLATED_VPC = new Rule("PC-STALE-003", "VpcUnconnectedAndUnused",
            "VPC with no connection and no callers",
            "The VPC is in no peering or transit gateway and holds no workload, endpoint, API or security group.",
            "Delete the VPC if it is left over, or remove it from the configuration.");
    public static final Rule DANGLING_ENDPOINT = new Rule("PC-STALE-004", "EndpointPointsAtMissing",
            "Endpoint or API points at something that is not in the estate",
            "An API Gateway API names a VPC endpoint the estate does not declare, or an endpoint carries a group "
                    + "that was found only as a reference.",
            "Remove the reference, or import the account that owns the endpoint or group.");
    public static final Rule UNUSED_GROUP = new Rule("PC-HYG-001", "UnusedSecurityGroup",
            "Security group attached to nothing and referenced by nothing",
            "No workload, partner, API or endpoint carries the group, and no rule, includes or extends names it.",
            "Delete the group.");
    public static final Rule REDUNDANT_RULE = new Rule("PC-HYG-002", "RedundantRule",
            "Rule shadowed by or redundant with another rule of the same group",
            "Another rule of the same group admits the same or a wider source, the same or more protocols and "
                    + "ports, at least as long and at least as often; this rule adds nothing.",
            "Remove the redundant rule (or narrow the wider one if that was the mistake).");
    public static final Rule EXPIRED_RULE = new Rule("PC-EXP-001", "ExpiredRule",
            "Rule has expired",
            "The rule's expires instant has passed: it matches nothing, and only clutters the group.",
            "Remove the rule.");
    public static final Rule EXPIRING_RULE = new Rule("PC-EXP-002", "RuleExpiringSoon",
            "Rule expires soon",
            "The rule expires within --expiring-within (default 30 days): whoever relies on it loses access then.",
            "Renew the expiry if the access is still needed, or tell its users.");
    public static final Rule CROSS_ACCOUNT_GROUP = new Rule("PC-XACCT-001", "RuleAdmitsOtherAccountGroup",
            "Rule admits a security group of another account",
            "The rule's source is a group owned by another account: that account decides who joins it.",
            "Confirm the other account is trusted and who manages the group's membership; prefer an endpoint "
                    + "with a policy for cross-account calls.");
    public static final Rule CROSS_ACCOUNT_PARTNER = new Rule("PC-XACCT-002", "PartnerReachesTarget",
            "An external partner reaches an API or group",
            "The engine admits a partner (an external caller of another account, admitted by address range) "
                    + "through the rule shown.",
            "Confirm the partner's access is intended, limited to the APIs it needs, and bound to its identity "
                    + "(auth.bind, certificates).");
    public static final Rule BOUNDARY_CROSSING = new Rule("PC-SEG-001", "TierOrTenantBoundaryCrossed",
            "A caller of one tier or tenant reaches a target of another",
            "The source and the target carry different values of a boundary tag (default keys: tenant, data; "
                    + "from account tags, or the group's, workload's, partner's or API's own), and the engine admits "
                    + "the source.",
            "Remove the rule that admits the source, or, if the flow is intended, allow the pair in the analysis "
                    + "settings (boundaries.allow).");
    public static final Rule RULES_QUOTA = new Rule("PC-QUOTA-001", "RulesPerGroupQuota",
            "Security group near or over the rules-per-group quota",
            "AWS allows 60 inbound rules per group by default (IPv4 and IPv6 counted separately; a prefix list "
                    + "counts as its entries). Over it, AWS refuses the rules; near it, the next change may fail.",
            "Merge rules (prefix lists, group references), split the group, or raise the quota and set --quota "
                    + "rules-per-group=N.");
    public static final Rule GROUPS_QUOTA = new Rule("PC-QUOTA-002", "GroupsPerInterfaceQuota",
            "Interface near or over the groups-per-interface quota",
            "AWS allows 5 security groups per network interface by default; a workload, endpoint or API carries "
                    + "that many or more.",
            "Combine groups (includes), or raise the quota and set --quota groups-per-interface=N.");
    public static final Rule UNRESTRICTED_API = new Rule("PC-API-001", "ApiWithoutSourceRestriction",
            "Portcullis API whose resource policy does not restrict the source VPC or endpoint",
            "The API has no resource policy, or one with no condition on aws:SourceVpc or aws:SourceVpce: it "
                    + "admits every caller its security groups let in, from any VPC endpoint.",
            "Add a Deny unless aws:SourceVpc or aws:SourceVpce is one you trust.");

    public static final Rule AWS_API_OUTSIDE = new Rule("PC-AWSAPI-001", "PrivateApiInvocableFromOutside",
            "API Gateway private API invocable through endpoints outside its own accounts",
            "Who-can-invoke (endpoint groups, endpoint policy, resource policy, evaluated by the policy engine) admits a "
                    + "request through an execute-api endpoint of an account outside the estate, or through an estate "
                    + "endpoint owned by an undeclared account: a private API answers any VPC endpoint of any account "
                    + "its resource policy does not exclude.",
            "Add a Deny unless aws:SourceVpce (or aws:SourceVpc) is one of your endpoints (VPCs) to the resource "
                    + "policy, as AWS's private API examples do.");
    public static final Rule AWS_API_UNRESTRICTED = new Rule("PC-AWSAPI-002", "ApiWithoutAnySourceRestriction",
            "API Gateway API with no source restriction at all",
            "An unsigned request for every resource is allowed from any endpoint outside the estate (private API) or "
                    + "from any address (regional or edge API): nothing restricts where a call comes from.",
            "Restrict aws:SourceVpce/aws:SourceVpc (private) or aws:SourceIp (public) in the resource policy, and "
                    + "require IAM authorization on the methods.");
    public static final Rule AWS_API_NO_POLICY = new Rule("PC-AWSAPI-003", "PrivateApiWithoutResourcePolicy",
            "API Gateway private API without a resource policy",
            "API Gateway denies every call to a private API without a resource policy: it is unusable as deployed, "
                    + "and whoever fixes it in a hurry tends to attach an Allow for everyone.",
            "Attach a resource policy that allows execute-api:Invoke only with aws:SourceVpce of your endpoints.");
    public static final Rule AWS_API_PUBLIC = new Rule("PC-AWSAPI-004", "ApiWithNonPrivateEndpointType",
            "API Gateway API with a regional or edge endpoint type",
            "The API is reachable from the internet (endpoint type REGIONAL or EDGE), as far as its resource policy and "
                    + "its methods' authorization allow.",
            "Make it PRIVATE if only your VPCs call it; otherwise restrict aws:SourceIp and require authorization.");

    private static final Map<String, Rule> ALL = new LinkedHashMap<>();

    static {
        for (Rule r : List.of(API_WIDE_SOURCE, GROUP_WIDE_SOURCE, RISKY_PORT, UNKNOWN_PREFIX_LIST, MISSING_GROUP, UNCONNECTED_REFERENCE,
                ISOLATED_VPC, DANGLING_ENDPOINT, UNUSED_GROUP, REDUNDANT_RULE, EXPIRED_RULE, EXPIRING_RULE,
                CROSS_ACCOUNT_GROUP, CROSS_ACCOUNT_PARTNER, BOUNDARY_CROSSING, RULES_QUOTA, GROUPS_QUOTA,
                UNRESTRICTED_API, AWS_API_OUTSIDE, AWS_API_UNRESTRICTED, AWS_API_NO_POLICY, AWS_API_PUBLIC)) {
            ALL.put(r.id(), r);
        }
    }

    private Rules() {}

    /** Every rule, in catalog order. */
    public static List<Rule> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Rule> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }
}
