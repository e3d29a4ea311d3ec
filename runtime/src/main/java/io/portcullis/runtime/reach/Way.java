package io.portcullis.runtime.reach;

import static java.util.Objects.requireNonNull;

import io.portcullis.engine.Reachability;
import java.util.List;

/**
 * One way into an API and who comes in through it: the network layer's callers ({@code callers}, each with the
 * admitting rule) and the policy layers' {@code grants}. Every (caller, grant) pair is admitted by every layer.
 *
 * @param kind how the request arrives
 * @param endpoint the VPC endpoint ({@code vpce-...}; a placeholder id for {@link Kind#OUTSIDE_ENDPOINT}; {@code ""}
 *     for the internet and Portcullis APIs)
 * @param vpc the endpoint's VPC (or the placeholder VPC outside the estate)
 * @param account the endpoint's account
 * @param path where the endpoint is written ({@code vpcEndpoints[3]}), {@code ""} when it is not in the estate
 * @param callers the network layer's answer (empty for {@link Kind#OUTSIDE_ENDPOINT}: anyone in that VPC)
 * @param grants what the policy layers allow (empty for a Portcullis API, whose policy the gateway evaluates per
 *     request)
 * @param note what the network layer could not say, or {@code ""}
 */
public record Way(Kind kind, String endpoint, String vpc, String account, String path,
                  List<Reachability.Reached> callers, List<Grant> grants, String note) {

    public enum Kind {
        /** An execute-api interface endpoint of the estate. */
        ENDPOINT,
        /** Any execute-api endpoint of any VPC and account outside the estate (PrivateLink: AWS does not restrict). */
        OUTSIDE_ENDPOINT,
        /** The internet, for a REGIONAL or EDGE API. */
        INTERNET,
        /** The network layer of a Portcullis API (its own security groups). */
        PORTCULLIS
    }

    public Way {
        requireNonNull(kind, "kind");
        callers = List.copyOf(callers);
        grants = List.copyOf(grants);
    }

    /** Whether a request through this way is admitted by every layer for some caller and principal. */
    public boolean open() {
        return switch (kind) {
            case PORTCULLIS -> !callers.isEmpty();
            case OUTSIDE_ENDPOINT, INTERNET -> !grants.isEmpty();
            case ENDPOINT -> !callers.isEmpty() && !grants.isEmpty();
        };
    }
}
