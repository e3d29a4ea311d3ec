package io.portcullis.config;

import io.portcullis.config.api.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An interface VPC endpoint. For Portcullis APIs behind an AWS Network Load Balancer, the endpoint a caller came
 * through names the caller's VPC ({@code vpc}). For API Gateway private APIs ({@code awsApis[]}) it is also one way
 * in: its {@code securityGroups} admit callers on TCP 443, its {@code policy} (absent: AWS's default, full access)
 * filters the calls, and the API's resource policy sees its id as {@code aws:SourceVpce}.
 *
 * @param account the account that owns the endpoint (the VPC's when not written)
 * @param service the service name ({@code com.amazonaws.us-east-1.execute-api}), {@code ""} when not said
 * @param securityGroups the groups on the endpoint's network interfaces, of its VPC
 * @param policy the endpoint policy; empty means AWS's default policy, which allows everything
 */
public record VpcEndpoint(String id, String vpc, String account, String service, List<GroupRef> securityGroups,
                          Optional<PolicySource> policy, Map<String, String> tags) {
    public VpcEndpoint {
        securityGroups = List.copyOf(securityGroups);
        tags = Map.copyOf(tags);
    }

    public VpcEndpoint(String id, String vpc) {
        this(id, vpc, "", "", List.of(), Optional.empty(), Map.of());
    }

    /** True for an endpoint of API Gateway's {@code execute-api} service (a way into private APIs). */
    public boolean executeApi() {
        return service.endsWith(".execute-api");
    }
}
