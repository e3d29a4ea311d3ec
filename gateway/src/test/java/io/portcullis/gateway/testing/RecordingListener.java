package io.portcullis.gateway.testing;

import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A gateway listener that keeps every event, for tests to await and inspect; admission is switchable. */
public final class RecordingListener implements GatewayListener {

    private final BlockingQueue<ConnectionEvent> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();
    private final java.util.Queue<ConnectionEvent> everyConnection = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<RequestEvent> everyRequest = new java.util.concurrent.ConcurrentLinkedQueue<>();
    public volatile boolean admitting = true;

    @Override
    public void onConnection(ConnectionEvent event) {
        everyConnection.add(event);
        connections.add(event);
    }

    @Override
    public void onRequest(RequestEvent event) {
        everyRequest.add(event);
        requests.add(event);
    }

    @Override
    public boolean admitting() {
        return admitting;
    }

    /** The next connection event that matches, skipping others; fails after 5 s. */
    public ConnectionEvent connection(Predicate<ConnectionEvent> matching) throws InterruptedException {
        return await(connections, matching, "connection event");
    }

    /** Every connection event so far, in order, whether awaited or not. */
    public java.util.List<ConnectionEvent> everyConnection() {
        return java.util.List.copyOf(everyConnection);
    }

    /** Every request event so far, in order, whether awaited or not. */
    public java.util.List<RequestEvent> everyRequest() {
        return java.util.List.copyOf(everyRequest);
    }

    /** The connection events up to and including the next one that matches; fails after 5 s. */
    public java.util.List<ConnectionEvent> connectionsUntil(Predicate<ConnectionEvent> matching)
            throws InterruptedException {
        java.util.List<ConnectionEvent> seen = new java.util.ArrayList<>();
        await(connections, e -> seen.add(e) && matching.test(e), "connection event");
        return seen;
    }

    /** The next request event that matches, skipping others; fails after 5 s. */
    public RequestEvent request(Predicate<RequestEvent> matching) throws InterruptedException {
        return await(requests, matching, "request event");
    }

    private static <E> E await(BlockingQueue<E> queue, Predicate<E> matching, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            E event = queue.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && matching.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no matching " + what + " within 5 s");
    }
}
