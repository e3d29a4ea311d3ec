package io.portcullis.runtime.diff;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Partner;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tag values (tiers, tenants, sensitivity) of the APIs and callers a diff names, as {@code analyze} reads them:
 * a workload's or partner's {@code labels}, an API's {@code tags}, over their account's {@code tags}. Read from the
 * new configuration first, then the old (a removed API or caller keeps its values).
 */
public final class TagValues {

    private final Map<String, Map<String, String>> accounts = new HashMap<>();
    private final Map<String, Map<String, String>> workloads = new HashMap<>();
    private final Map<String, Map<String, String>> partners = new HashMap<>();
    private final List<PortcullisConfig> configs;

    /** The values of {@code now} (and {@code was}, null before a first plan). */
    public TagValues(PortcullisConfig was, PortcullisConfig now) {
        this.configs = was == null ? List.of(now) : List.of(now, was);
        for (PortcullisConfig c : configs) {
            c.accounts().forEach((Account a) -> accounts.putIfAbsent(a.id(), a.tags()));
        }
        for (PortcullisConfig c : configs) {
            c.workloads().forEach((Workload w) -> workloads.putIfAbsent(w.id(), withAccount(w.labels(), w.account())));
            c.partners().forEach((Partner p) -> partners.putIfAbsent(p.id(), withAccount(p.labels(), p.account())));
        }
    }

    private Map<String, String> withAccount(Map<String, String> own, String account) {
        Map<String, String> out = new HashMap<>(accounts.getOrDefault(account, Map.of()));
        out.putAll(own);
        return out;
    }

    /** A caller's values: {@code kind} {@code workload} or {@code partner}; CIDRs and anyone have none. */
    public Map<String, String> caller(String kind, String id, String account) {
        return switch (kind) {
            case "workload" -> workloads.getOrDefault(id, withAccount(Map.of(), account));
            case "partner" -> partners.getOrDefault(id, withAccount(Map.of(), account));
            default -> Map.of();
        };
    }

    /** The API's values over its account's, with {@code account} set to its account; empty when unknown. */
    public Map<String, String> api(String kind, String id) {
        for (PortcullisConfig c : configs) {
            if (kind.equals("api")) {
                Optional<Api> a = c.apis().stream().filter(x -> x.name().equals(id)).findFirst();
                if (a.isPresent()) {
                    return with(withAccount(a.get().tags(), a.get().account()), a.get().account());
                }
            } else {
                Optional<AwsApi> a = c.awsApis().stream().filter(x -> x.id().equals(id)).findFirst();
                if (a.isPresent()) {
                    return with(withAccount(a.get().tags(), a.get().account()), a.get().account());
                }
            }
        }
        return Map.of();
    }

    private static Map<String, String> with(Map<String, String> tags, String account) {
        tags.put("account", account);
        return tags;
    }
}
