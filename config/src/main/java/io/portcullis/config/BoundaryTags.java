package io.portcullis.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a subject stands on a boundary (a tier or a tenant): for a tag key such as {@code tenant}, a subject's
 * value is its own tag (an API's, group's or VPC endpoint's {@code tags}, a workload's or partner's
 * {@code labels}), else its account's. One rule for the analysis's boundary findings (PC-SEG-001) and the
 * runtime's isolation matrix, so both draw the same tenant lines.
 */
public final class BoundaryTags {

    private final Map<String, Map<String, String>> accountTags = new HashMap<>();
    private final Map<String, String> vpcAccounts = new HashMap<>();

    public BoundaryTags(PortcullisConfig config) {
        config.accounts().forEach(a -> accountTags.put(a.id(), a.tags()));
        config.vpcs().forEach(v -> vpcAccounts.put(v.id(), v.account()));
    }

    /** The subject's own value of {@code key}, else its account's; null when neither says. */
    public String value(Map<String, String> own, String account, String key) {
        String v = own.get(key);
        return v != null ? v : accountTags.getOrDefault(account, Map.of()).get(key);
    }

    /** The account's tags (empty for an undeclared account). */
    public Map<String, String> ofAccount(String account) {
        return accountTags.getOrDefault(account, Map.of());
    }

    public String of(Api api, String key) {
        return value(api.tags(), api.account(), key);
    }

    public String of(Workload w, String key) {
        return value(w.labels(), w.account(), key);
    }

    public String of(Partner p, String key) {
        return value(p.labels(), p.account(), key);
    }

    public String of(SecurityGroup g, String key) {
        return value(g.tags(), g.account(), key);
    }

    /** An endpoint's own tag, else its account's (the VPC's account when the endpoint names none). */
    public String of(VpcEndpoint e, String key) {
        return value(e.tags(), e.account().isEmpty() ? vpcAccounts.getOrDefault(e.vpc(), "") : e.account(), key);
    }
}
