package io.portcullis.site.internal;

import io.portcullis.config.AwsApi;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.Reachability;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Way;
import io.portcullis.runtime.reach.WhoCanInvoke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pages say about the API Gateway APIs of the configuration ({@code awsApis[]}): who can invoke each is
 * {@link WhoCanInvoke}'s answer (what {@code portcullis who-can-reach --to ID} prints), asked once for the whole
 * estate; nothing here decides access. A group reaches an AWS API through an endpoint when a caller class the
 * endpoint admits on an open way carries the group (its effective groups: directly or through {@code includes}).
 */
public final class AwsFacts {

    /** Members of a group admitted to {@code api} through {@code way}: the caller class and its admitting rule. */
    public record Invoker(AwsApi api, Way way, Reachability.Reached caller) {}

    private final List<AwsApi> apis;
    private final Map<String, ApiAccess> access;
    private final Map<String, VpcEndpoint> endpoints = new HashMap<>();
    private final Map<String, List<Invoker>> byGroup = new HashMap<>();

    /** {@code access}: {@link WhoCanInvoke#apis()} of the same configuration and instant (AWS APIs, by id). */
    AwsFacts(PortcullisConfig config, Map<String, ApiAccess> access) {
        this.apis = config.awsApis().stream().sorted(Comparator.comparing(AwsApi::name).thenComparing(AwsApi::id)).toList();
        this.access = Map.copyOf(access);
        config.vpcEndpoints().forEach(e -> endpoints.putIfAbsent(e.id(), e));
        for (AwsApi api : apis) {
            for (Way w : access(api).open()) {
                for (Reachability.Reached c : w.callers()) {
                    c.groups().forEach(g -> byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(new Invoker(api, w, c)));
                }
            }
        }
    }

    /** Who can invoke each AWS API of {@code config} at the instant {@code who} was asked at, by API id. */
    public static Map<String, ApiAccess> byId(WhoCanInvoke who) {
        Map<String, ApiAccess> out = new HashMap<>();
        who.apis().stream().filter(a -> a.kind() != ApiAccess.Kind.PORTCULLIS).forEach(a -> out.put(a.id(), a));
        return out;
    }

    /** The AWS APIs, sorted by name, then id. */
    public List<AwsApi> apis() {
        return apis;
    }

    /** Who can invoke {@code api}: WhoCanInvoke's answer. */
    public ApiAccess access(AwsApi api) {
        ApiAccess a = access.get(api.id());
        if (a == null) {
            throw new IllegalStateException("awsApis: " + api.id() + " has no who-can-invoke answer (expected: one per AWS API)");
        }
        return a;
    }

    /** The endpoint {@code id} as configured, or null when it is not in the estate. */
    public VpcEndpoint endpoint(String id) {
        return endpoints.get(id);
    }

    /** The AWS APIs members of group {@code key} invoke through an endpoint, in API order, then way order. */
    public List<Invoker> invokers(String key) {
        return byGroup.getOrDefault(key, List.of());
    }
}
