package io.portcullis.gateway.observe;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Told of every connection and every finished request of the data plane, for the audit log, the access log,
 * alerts and anything else that needs the facts. Set with {@code GatewayServer.Builder.listener}; several
 * listeners combine with {@link #composite(List)}.
 *
 * <p>Runs on the event loops, inline with the traffic: every method must return quickly and never block (queue
 * the event for a writer thread). Events are immutable values built once; a listener may keep them. An exception
 * thrown by a listener never affects the connection or request: the gateway logs it (throttled) and counts it in
 * {@code portcullis.listener.errors}.
 *
 * <p>{@link #admitting()} lets a listener stop admission: a fail-closed audit log that cannot take more records
 * returns {@code false}, and until it returns {@code true} again new connections are closed and requests are
 * answered with the fixed {@code 503} (reason {@link #EVIDENCE_UNAVAILABLE}). A listener that throws from it
 * counts as not admitting.
 */
public interface GatewayListener {

    /** Admission stopped because a listener (the audit log) cannot record the evidence. */
    Reason EVIDENCE_UNAVAILABLE = new Reason(Layer.PROTOCOL, "evidence-unavailable");

    /** A listener that ignores everything and always admits; with it, the gateway builds no events at all. */
    GatewayListener NONE = new GatewayListener() {
        @Override
        public boolean listening() {
            return false;
        }
    };

    /** A connection was admitted, refused, or closed (see {@link ConnectionEvent.Phase}). */
    default void onConnection(ConnectionEvent event) { }

    /** A request finished: answered, refused, failed upstream, or aborted by the client. */
    default void onRequest(RequestEvent event) { }

    /**
     * Whether anyone listens now: when not, the gateway builds no events. Asked before building each; one cheap
     * read, please (a listener whose members change, like a node's across reloads, answers from a volatile).
     */
    default boolean listening() {
        return true;
    }

    /** Whether new connections and requests may be admitted; asked before each. One cheap read, please. */
    default boolean admitting() {
        return true;
    }

    /**
     * A listener that tells each of {@code listeners} in order. Each is told even when an earlier one throws (the
     * first exception is rethrown afterwards, for the gateway to count); it admits while all of them admit.
     */
    static GatewayListener composite(List<GatewayListener> listeners) {
        List<GatewayListener> all = List.copyOf(requireNonNull(listeners, "listeners"));
        if (all.isEmpty()) {
            return NONE; // so the gateway knows nobody listens and builds no events
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new GatewayListener() {
            @Override
            public void onConnection(ConnectionEvent event) {
                tellEach(all, event, GatewayListener::onConnection);
            }

            @Override
            public void onRequest(RequestEvent event) {
                tellEach(all, event, GatewayListener::onRequest);
            }

            @Override
            public boolean admitting() {
                for (GatewayListener l : all) {
                    if (!l.admitting()) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    private static <E> void tellEach(List<GatewayListener> all, E event, BiConsumer<GatewayListener, E> call) {
        RuntimeException first = null;
        for (GatewayListener l : all) {
            try {
                call.accept(l, event);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
