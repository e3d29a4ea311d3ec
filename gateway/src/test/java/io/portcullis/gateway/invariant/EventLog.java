package io.portcullis.gateway.invariant;

import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway listener that keeps every request event and the client ports of closed connections, for a scenario
 * to read all of them at once (the shared {@code RecordingListener} hands events out one by one while waiting).
 */
final class EventLog implements GatewayListener {

    private final List<RequestEvent> requests = new CopyOnWriteArrayList<>();
    private final Set<Integer> closedPorts = ConcurrentHashMap.newKeySet();
    private volatile long lastEventNanos = System.nanoTime();

    @Override
    public void onConnection(ConnectionEvent event) {
        if (event.phase() != ConnectionEvent.Phase.ADMITTED) {
            closedPorts.add(event.peer().getPort());
        }
        lastEventNanos = System.nanoTime();
    }

    @Override
    public void onRequest(RequestEvent event) {
        requests.add(event);
        lastEventNanos = System.nanoTime();
    }

    List<RequestEvent> requests() {
        return List.copyOf(requests);
    }

    /** Whether the gateway reported the connection from this client port closed (or refused). */
    boolean closed(int clientPort) {
        return closedPorts.contains(clientPort);
    }

    long quietNanos() {
        return System.nanoTime() - lastEventNanos;
    }

    void clear() {
        requests.clear();
        closedPorts.clear();
    }
}
