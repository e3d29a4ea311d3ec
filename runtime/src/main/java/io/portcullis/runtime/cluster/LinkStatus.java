package io.portcullis.runtime.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The state of a node's link to its control plane, as {@code /readyz} and {@code /plan} report it: the control plane,
 * whether its last call answered, when it last answered, the version and plan digest the node serves from it (0 and
 * null while it serves none), and the version it last refused with the reason (null when none).
 */
public record LinkStatus(String control, boolean connected, Instant lastContact, long version, String digest,
                         String refused) {

    public LinkStatus {
        requireNonNull(control, "control");
    }

    /** The line {@code /readyz} adds: {@code control: connected to URL, last contact T, version N (sha256:...)}. */
    public String readyLine() {
        StringBuilder out = new StringBuilder("control: ").append(connected ? "connected to " : "disconnected from ")
                .append(control).append(", last contact ").append(lastContact == null ? "never" : lastContact)
                .append(version == 0 ? ", serving no version of it yet" : ", version " + version + " (" + digest + ")");
        if (refused != null) {
            out.append("; refused ").append(refused);
        }
        return out.toString();
    }

    /** The fields of {@code /plan}'s {@code control} object. */
    public void writeTo(ObjectNode node) {
        node.put("url", control).put("connected", connected)
                .put("lastContact", lastContact == null ? null : lastContact.toString());
        if (version > 0) {
            node.put("version", version).put("digest", digest);
        }
        if (refused != null) {
            node.put("refused", refused);
        }
    }
}
