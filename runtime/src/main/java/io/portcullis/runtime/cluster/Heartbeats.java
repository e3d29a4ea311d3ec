package io.portcullis.runtime.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.runtime.Node;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's heartbeat ({@code POST /v1/nodes/{id}/heartbeat}, every 5 s by default): the plan digest it serves
 * (the control plane's digest of the version in force), its readiness as its admin listener's {@code /readyz}
 * says, when it started, the totals of its request meters and, once its web console serves over TLS, the console's
 * address ({@code console}: the control plane's console relays to it). A failed heartbeat is not retried: the next
 * one says the same, newer.
 */
final class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlClient client;
    private final String nodeId;
    private final Node node;
    private final LinkState state;
    private final Instant startedAt;
    private volatile URI console;

    Heartbeats(ControlClient client, String nodeId, Node node, LinkState state, Instant startedAt) {
        this.client = client;
        this.nodeId = nodeId;
        this.node = node;
        this.state = state;
        this.startedAt = startedAt;
    }

    /** The heartbeat's body now. */
    ObjectNode beat() {
        String notReady = node.notReady();
        ObjectNode beat = JSON.createObjectNode().put("digest", state.status().digest()).put("ready", notReady == null)
                .put("notReady", notReady).put("startedAt", startedAt.toString());
        ObjectNode counters = beat.putObject("counters");
        node.counters().forEach(counters::put);
        URI c = console;
        if (c != null) {
            beat.put("console", c.toString());
        }
        return beat;
    }

    /** The address of the node's console ({@code https://HOST:PORT/}) reported from the next heartbeat on. */
    void console(URI address) {
        this.console = address;
    }

    void send() {
        try {
            client.heartbeat(nodeId, beat());
            state.answered();
        } catch (ControlClient.ControlException e) {
            log.warn("control: heartbeat refused: {}", e.getMessage());
        } catch (IOException e) {
            state.unanswered();
            log.debug("control: heartbeat not delivered: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("control: heartbeat failed", e);
        }
    }
}
