package io.portcullis.runtime.change;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.runtime.diff.AccessChange;
import io.portcullis.runtime.diff.ApiDiff;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.diff.PolicyChange;
import io.portcullis.runtime.diff.TagValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk rules read on the semantic diff ({@link PlanDiff}); each rule that applies contributes once per API with
 * what it saw. Tiers and tenants are tag values, as {@code analyze} reads them: a workload's or partner's
 * {@code labels}, an API's {@code tags}, else their account's {@code tags}, under the keys {@code tier} and
 * {@code tenant}. An API is sensitive when tagged {@code sensitive: "true"}, and of the admin tier when tagged (or
 * its account tagged) {@code tier: admin}.
 *
 * <ul>
 *   <li>{@code internet-opened} (critical): access gained from {@code 0.0.0.0/0} or {@code ::/0}, or by anonymous
 *       callers from the internet or any endpoint outside the estate;</li>
 *   <li>{@code tenant-boundary-crossed} (critical): access gained by a caller of one tenant to an API of another;</li>
 *   <li>{@code wide-cidr-opened} (high): access gained from a CIDR of /8 or wider (IPv6 /32);</li>
 *   <li>{@code tier-boundary-crossed} (high): access gained by a caller of one tier to an API of another;</li>
 *   <li>{@code sensitive-api-opened} (high): access gained to an API tagged {@code sensitive: "true"};</li>
 *   <li>{@code admin-access-without-expiry} (high): access gained to an admin-tier API that does not end;</li>
 *   <li>{@code principal-star} (high): access or a policy class gained by anonymous callers or principals of any
 *       account ({@code Principal: "*"});</li>
 *   <li>{@code last-limit-removed} (high): an API that had a rate limit has none;</li>
 *   <li>{@code account-boundary-crossed} (medium): access gained by a caller of another account;</li>
 *   <li>{@code access-added}, {@code policy-allows-more}, {@code identity-changed}, {@code limits-changed} (medium):
 *       any other access gained, policy class newly allowed, identity requirement or limit changed.</li>
 * </ul>
 */
final class DiffRisk {

    private DiffRisk() {}

    static List<RiskAssessment.Contribution> of(PlanDiff diff, PortcullisConfig was, PortcullisConfig now) {
        TagValues tags = new TagValues(was, now);
        List<RiskAssessment.Contribution> out = new ArrayList<>();
        for (ApiDiff d : diff.apis()) {
            Map<String, String> apiTags = tags.api(d.kind(), d.id());
            Map<String, List<String>> seen = new LinkedHashMap<>();
            for (AccessChange c : d.gained()) {
                String what = c.who() + (c.via().isEmpty() ? "" : " via " + c.via()) + " (" + c.after() + ")";
                boolean anonymous = c.principal().startsWith("anonymous") || c.principal().startsWith("IAM principal of any other account");
                if (c.sourceKind().equals("cidr") && c.sources().stream().anyMatch(s -> s.endsWith("/0"))
                        || c.sourceKind().equals("anyone") && c.principal().startsWith("anonymous")) {
                    add(seen, "internet-opened", what);
                } else if (c.sourceKind().equals("cidr") && c.sources().stream().anyMatch(RiskAssessment::wide)) {
                    add(seen, "wide-cidr-opened", what);
                }
                for (String source : c.sources()) {
                    Map<String, String> from = tags.caller(c.sourceKind(), source, c.account());
                    crossing(seen, "tenant", from, apiTags, source, "tenant-boundary-crossed");
                    crossing(seen, "tier", from, apiTags, source, "tier-boundary-crossed");
                }
                if (!c.account().isEmpty() && !c.account().equals(apiTags.get("account"))) {
                    add(seen, "account-boundary-crossed", c.who() + " into account " + apiTags.get("account"));
                }
                if ("true".equals(apiTags.get("sensitive"))) {
                    add(seen, "sensitive-api-opened", what);
                }
                if ("admin".equals(apiTags.get("tier")) && (c.window().equals("always") || c.window().endsWith(" on"))) {
                    add(seen, "admin-access-without-expiry", what + ", " + c.window());
                }
                if (anonymous) {
                    add(seen, "principal-star", c.principal() + " " + c.resource() + (c.via().isEmpty() ? "" : " via " + c.via()));
                }
                add(seen, "access-added", what);
            }
            for (PolicyChange p : d.policy()) {
                if (p.allowed()) {
                    add(seen, "policy-allows-more", p.requestClass() + " (" + p.after() + ")");
                    if (p.principal().startsWith("anonymous") || p.principal().startsWith("IAM principal of any other account")) {
                        add(seen, "principal-star", p.requestClass() + " (" + p.after() + ")");
                    }
                }
            }
            boolean kept = d.presence().equals("changed"); // an added or removed API's settings are all new or gone
            if (kept && !d.identity().isEmpty()) {
                add(seen, "identity-changed", String.join(", ", d.identity().stream().map(s -> s.path()).toList()));
            }
            if (kept && !d.limits().isEmpty()) {
                boolean had = d.limits().stream().anyMatch(s -> s.path().endsWith("rateLimits") && !s.before().equals("[]")
                        && !s.before().equals("null"));
                if (had && rateLimits(d.id(), was) > 0 && rateLimits(d.id(), now) == 0) {
                    add(seen, "last-limit-removed", "API " + d.id() + " has no rate limit left");
                }
                add(seen, "limits-changed", String.join(", ", d.limits().stream().map(s -> s.path()).toList()));
            }
            boolean specific = seen.keySet().stream().anyMatch(r -> !r.equals("access-added"));
            seen.forEach((rule, details) -> {
                if (rule.equals("access-added") && specific && seen.keySet().stream().anyMatch(DiffRisk::coversAccess)) {
                    return; // a more specific rule already names this access
                }
                out.add(new RiskAssessment.Contribution(rule, level(rule), d.label() + ": " + summary(details)));
            });
        }
        return out;
    }

    private static boolean coversAccess(String rule) {
        return !List.of("access-added", "policy-allows-more", "identity-changed", "limits-changed").contains(rule);
    }

    static RiskLevel level(String rule) {
        return switch (rule) {
            case "internet-opened", "tenant-boundary-crossed" -> RiskLevel.CRITICAL;
            case "wide-cidr-opened", "tier-boundary-crossed", "sensitive-api-opened", "admin-access-without-expiry",
                 "principal-star", "last-limit-removed" -> RiskLevel.HIGH;
            default -> RiskLevel.MEDIUM;
        };
    }

    private static void crossing(Map<String, List<String>> seen, String key, Map<String, String> from, Map<String, String> to,
                                 String source, String rule) {
        String a = from.get(key);
        String b = to.get(key);
        if (a != null && b != null && !a.equals(b)) {
            add(seen, rule, source + " (" + key + " " + a + ") into " + key + " " + b);
        }
    }

    private static void add(Map<String, List<String>> seen, String rule, String detail) {
        List<String> l = seen.computeIfAbsent(rule, k -> new ArrayList<>());
        if (!l.contains(detail)) {
            l.add(detail);
        }
    }

    private static String summary(List<String> details) {
        return details.size() <= 3 ? String.join("; ", details)
                : String.join("; ", details.subList(0, 3)) + "; and " + (details.size() - 3) + " more";
    }

    /** The rate limits an API has (its own and its routes'), 0 when the API is absent. */
    private static int rateLimits(String api, PortcullisConfig c) {
        if (c == null) {
            return 0;
        }
        return c.apis().stream().filter(a -> a.name().equals(api)).findFirst()
                .map(a -> a.serving().limits().rateLimits().size() + a.serving().routes().stream()
                        .mapToInt(r -> r.settings().rateLimits().size()).sum()).orElse(0);
    }
}
