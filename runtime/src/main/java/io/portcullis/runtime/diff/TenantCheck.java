package io.portcullis.runtime.diff;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What onboarding a tenant must show in its diff, checked on the diff itself ({@code portcullis tenant add}): the new
 * tenant's callers reach each of its own APIs, reach nothing that is not its own, and no other API's access, policy,
 * identity or limits change. Tenants are {@link TagValues}' {@code tenant} values; an API without one is not the
 * tenant's.
 */
public final class TenantCheck {

    /** One check: its name, whether it holds, and what it saw. */
    public record Result(String check, boolean passed, String detail) {
        public Result {
            requireNonNull(check, "check");
            requireNonNull(detail, "detail");
        }
    }

    private static final String KEY = "tenant";

    private TenantCheck() {}

    public static List<Result> of(PlanDiff diff, PortcullisConfig was, PortcullisConfig now, String tenant) {
        TagValues tags = new TagValues(was, now);
        List<String> own = now.apis().stream().filter(a -> tenant.equals(tags.api("api", a.name()).get(KEY)))
                .map(a -> "api/" + a.name()).toList();
        List<String> ownAws = now.awsApis().stream().filter(a -> tenant.equals(tags.api("awsApi", a.id()).get(KEY)))
                .map(a -> "awsApi/" + a.id()).toList();
        Set<String> ownApis = new LinkedHashSet<>(own);
        ownApis.addAll(ownAws);
        Map<String, Set<String>> reached = new LinkedHashMap<>();
        ownApis.forEach(a -> reached.put(a, new LinkedHashSet<>()));
        List<String> elsewhere = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ApiDiff d : diff.apis()) {
            String key = d.kind() + "/" + d.id();
            boolean mine = ownApis.contains(key);
            if (!mine) {
                others.add(d.label() + " (" + d.gained().size() + " gained, " + d.lost().size() + " lost, "
                        + d.policy().size() + " policy, " + d.identity().size() + " identity, " + d.limits().size() + " limits)");
            }
            for (AccessChange c : d.gained()) {
                for (String source : c.sources()) {
                    if (!tenant.equals(tags.caller(c.sourceKind(), source, c.account()).get(KEY))) {
                        continue;
                    }
                    if (mine) {
                        reached.get(key).add(c.sourceKind() + " " + source);
                    } else {
                        elsewhere.add(c.sourceKind() + " " + source + " -> " + d.label());
                    }
                }
            }
        }
        List<Result> out = new ArrayList<>();
        List<String> unreached = reached.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        out.add(new Result("reaches-own-apis", !ownApis.isEmpty() && unreached.isEmpty(), ownApis.isEmpty()
                ? "no API of the candidate has tenant " + tenant
                : unreached.isEmpty() ? String.join("; ", reached.entrySet().stream()
                        .map(e -> e.getKey() + " by " + String.join(", ", e.getValue())).toList())
                : "not reached by a caller of tenant " + tenant + ": " + String.join(", ", unreached)));
        out.add(new Result("reaches-nothing-else", elsewhere.isEmpty(), elsewhere.isEmpty()
                ? "no access gained by tenant " + tenant + " to an API that is not its own"
                : String.join("; ", elsewhere)));
        out.add(new Result("others-unchanged", others.isEmpty(), others.isEmpty()
                ? "no other API's access, policy, identity or limits change" : String.join("; ", others)));
        return out;
    }
}
