package io.portcullis.config;

import io.portcullis.config.api.Serving;
import java.util.List;
import java.util.Map;

/**
 * A private API: where it listens and the security groups attached to it, as on an AWS network interface.
 * The listen port is the port that ingress rules are checked against. {@link Serving} holds what the gateway
 * needs to serve it. {@code purpose} and {@code owner} are documentation only ({@code portcullis docs}).
 */
public record Api(String name, String account, String vpc, String listenHost, int listenPort,
                  List<GroupRef> securityGroups, Serving serving, Map<String, String> tags, String purpose,
                  String owner) {
    public Api {
        securityGroups = List.copyOf(securityGroups);
        tags = Map.copyOf(tags);
        java.util.Objects.requireNonNull(serving, "serving");
        java.util.Objects.requireNonNull(purpose, "purpose");
        java.util.Objects.requireNonNull(owner, "owner");
    }

    /** An API with no stated purpose or owner (documentation only: they decide nothing). */
    public Api(String name, String account, String vpc, String listenHost, int listenPort,
               List<GroupRef> securityGroups, Serving serving, Map<String, String> tags) {
        this(name, account, vpc, listenHost, listenPort, securityGroups, serving, tags, "", "");
    }

    /** An API placed on the network only, with nothing to serve yet (analysis-only configurations, tests). */
    public Api(String name, String account, String vpc, String listenHost, int listenPort, List<GroupRef> securityGroups) {
        this(name, account, vpc, listenHost, listenPort, securityGroups, Serving.NONE, Map.of());
    }

    public Api(String name, String account, String vpc, String listenHost, int listenPort, List<GroupRef> securityGroups,
               Serving serving) {
        this(name, account, vpc, listenHost, listenPort, securityGroups, serving, Map.of());
    }

    public String listen() {
        return (listenHost.contains(":") ? "[" + listenHost + "]" : listenHost) + ":" + listenPort;
    }
}
