package io.portcullis.runtime.evidence;

/**
 * The bounds every JDK {@code HttpServer} of the process keeps (the admin listener, the console, the demo's
 * upstream): such a server reads a request on one of its few pool threads and, by default, waits for it forever, so
 * a handful of connections that send half a request head, or trickle a body, hold every thread (an adversarial test
 * froze the admin listener's readiness probe with two). The JDK's server closes a connection whose request has not
 * been read and answered within {@value #MAX_REQUEST_SECONDS} seconds; its timer looks every
 * {@value #TIMER_MILLIS} ms. A response already started (the console's event streams) is not bounded.
 *
 * <p>The JDK reads these system properties once, when its first server starts, so {@link #apply} runs before any
 * is created: every class of ours that creates one calls it first; an operator's own {@code -D} value wins.
 */
public final class HttpServerLimits {

    /** Seconds to read a request and start its response. */
    public static final int MAX_REQUEST_SECONDS = 10;
    /** How often the JDK's server looks for requests over time. */
    public static final int TIMER_MILLIS = 500;

    private HttpServerLimits() {}

    /** Sets the JDK server's bounds unless already set; idempotent. */
    public static void apply() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.timerMillis", Integer.toString(TIMER_MILLIS));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
