package io.portcullis.runtime.change;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.node.BaselineConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Reachability;
import io.portcullis.runtime.diff.TagValues;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.WhoCanInvoke;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code tenant-isolation} baseline: no workload or partner of one tenant reaches an API of another, decided by
 * who can invoke each API ({@link WhoCanInvoke}: the engine's network decision, and for AWS APIs the endpoint and
 * resource policies) at the time of the check. A subject's tenant is its {@code tenant} value ({@link TagValues}:
 * its own label or tag, else its account's); a subject without one belongs to no tenant and crosses no boundary.
 */
final class TenantIsolation {

    static final String KEY = "tenant";

    private TenantIsolation() {}

    static void check(BaselineConfig b, PortcullisConfig config, Instant now, List<Baselines.Violation> out) {
        TagValues tags = new TagValues(null, config);
        WhoCanInvoke who = WhoCanInvoke.of(config, AccessEngine.compile(config).snapshot(), now);
        for (ApiAccess api : who.apis()) {
            boolean portcullis = api.kind() == ApiAccess.Kind.PORTCULLIS;
            String tenant = tags.api(portcullis ? "api" : "awsApi", api.id()).get(KEY);
            if (tenant == null) {
                continue;
            }
            Set<String> crossing = new LinkedHashSet<>();
            for (ApiAccess.Entry e : api.entries()) {
                Reachability.Reached c = e.caller();
                if (c == null || c.kind() == Reachability.Reached.Kind.CIDR) {
                    continue;
                }
                boolean partner = c.kind() == Reachability.Reached.Kind.PARTNER;
                for (String id : partner ? List.of(c.subject()) : c.workloads()) {
                    String theirs = tags.caller(partner ? "partner" : "workload", id, c.account()).get(KEY);
                    if (theirs != null && !theirs.equals(tenant)) {
                        crossing.add((partner ? "partner " : "workload ") + id + " (tenant " + theirs + ", by "
                                + c.rule().decidedBy() + ")");
                    }
                }
            }
            if (!crossing.isEmpty()) {
                List<String> shown = crossing.stream().limit(5).toList();
                out.add(new Baselines.Violation(b.name(), api.path(), (portcullis ? "API " : "AWS API ") + api.id()
                        + " (tenant " + tenant + ") is reached by another tenant's " + String.join(", ", shown)
                        + (crossing.size() > shown.size() ? " and " + (crossing.size() - shown.size()) + " more" : "")
                        + " (expected: no caller of one tenant reaches an API of another)"));
            }
        }
    }
}
