package io.portcullis.console;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A node as the control plane knows it from its last authenticated heartbeat: whether it is live, the plan digest it
 * serves, its readiness, its counters (a JSON object as the node sent it) and the address of its console, when it
 * reported one. The cluster console relays only to the console of a live node that reported an {@code https} one.
 */
public record ClusterNode(String id, boolean live, Instant lastSeen, String digest, boolean ready, String counters,
                          Optional<URI> console) {

    public ClusterNode {
        requireNonNull(id, "id");
        requireNonNull(lastSeen, "lastSeen");
        requireNonNull(digest, "digest");
        requireNonNull(counters, "counters");
        requireNonNull(console, "console");
    }
}
