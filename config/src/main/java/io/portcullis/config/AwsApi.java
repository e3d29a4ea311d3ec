package io.portcullis.config;

import io.portcullis.config.api.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Amazon API Gateway REST API of the estate (imported with {@code portcullis import aws}): Portcullis does not
 * serve it but decides who can invoke it, the way AWS does. A {@code PRIVATE} API is reached only through
 * {@code execute-api} VPC endpoints of its region, of any account, as far as its resource policy lets them.
 *
 * @param id the API's id ({@code a1b2c3d4e5})
 * @param name its name, as AWS shows it
 * @param region where it lives; only endpoints of that region reach a private API
 * @param endpointTypes {@code PRIVATE}, {@code REGIONAL} or {@code EDGE}
 * @param vpcEndpointIds the endpoints named in its endpoint configuration (private DNS aliases; not a restriction)
 * @param resourcePolicy the resource policy; empty when the API has none
 * @param stages the deployed stage names
 */
public record AwsApi(String id, String name, String account, String region, List<String> endpointTypes,
                     List<String> vpcEndpointIds, Optional<PolicySource> resourcePolicy, List<String> stages,
                     Map<String, String> tags) {
    public AwsApi {
        endpointTypes = List.copyOf(endpointTypes);
        vpcEndpointIds = List.copyOf(vpcEndpointIds);
        stages = List.copyOf(stages);
        tags = Map.copyOf(tags);
    }

    public boolean isPrivate() {
        return endpointTypes.contains("PRIVATE");
    }

    /** {@code arn:aws:execute-api:REGION:ACCOUNT:ID}, the prefix of every resource a call names. */
    public String arn() {
        return "arn:aws:execute-api:" + region + ":" + account + ":" + id;
    }
}
