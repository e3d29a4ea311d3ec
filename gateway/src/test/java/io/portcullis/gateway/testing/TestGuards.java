package io.portcullis.gateway.testing;

import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.gateway.guard.ConnectionGuard;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connection guard over test data, standing in for the security-group engine: 127.0.0.2 is workload
 * {@code web} (group {@code 111111111111/sg-web}), 127.0.0.3 is {@code batch} (group {@code sg-batch}), the
 * AWS capture sources are {@code nlb-client}, 127.0.0.1 is {@code local} (JDK HTTP clients cannot bind), everything else is denied with {@code no-matching-rule}.
 */
public final class TestGuards implements ConnectionGuard {

    public static final Reason ALLOWED = new Reason(Layer.NETWORK, "security-group-allows");
    public static final Reason NO_RULE = new Reason(Layer.NETWORK, "no-matching-rule");

    private static final Map<String, String> WORKLOADS = Map.of("127.0.0.2", "web", "127.0.0.3", "batch",
            "172.31.7.113", "nlb-client", "192.168.44.10", "nlb-client", "127.0.0.5", "web-2", "127.0.0.7", "slow-1",
            "127.0.0.8", "slow-2", "127.0.0.1", "local");
    private static final Map<String, String> GROUPS = Map.of("web", "111111111111/sg-web", "web-2",
            "111111111111/sg-web", "batch", "111111111111/sg-batch", "nlb-client", "111111111111/sg-nlb",
            "slow-1", "111111111111/sg-slow", "slow-2", "111111111111/sg-slow",
            "local", "111111111111/sg-local");

    /** Every call, for assertions on what the guard was asked. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public Admission admit(String apiName, InetAddress address, String vpcEndpointId, long nowMillis) {
        calls.add(apiName + " " + address.getHostAddress() + " " + vpcEndpointId);
        String workload = WORKLOADS.get(address.getHostAddress());
        if (workload == null) {
            return new Admission(Decision.deny(NO_RULE, "", "no ingress rule admits " + address.getHostAddress()),
                    new Source("", vpcEndpointId, address, "", "", List.of()));
        }
        return new Admission(Decision.allow(ALLOWED, "111111111111/sg-api ingress[0]", "test"),
                new Source("vpc-1", vpcEndpointId, address, workload, "111111111111", List.of(GROUPS.get(workload))));
    }
}
