package io.portcullis.gateway.guard;

/**
 * A number that changes whenever the plan that admits connections may have changed (a settings swap, a new engine,
 * an explicit re-admission): a connection admitted under an older number is re-admitted before its next request.
 * One per gateway; bumped off the request path, read (a volatile read) on it.
 */
public final class PlanEpoch {

    private volatile long value;

    /** The current number. */
    public long current() {
        return value;
    }

    /** Starts a new epoch (the caller is the one thread that changes the plan; reads race harmlessly). */
    public synchronized void bump() {
        value++;
    }
}
