package io.portcullis.runtime.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;

/**
 * What the node knows of its control plane, written by the control threads and read by the admin listener, the
 * heartbeats and the meters: one immutable {@link LinkStatus} swapped whole (a volatile field; writers are
 * serialized on this object).
 *
 * <p>Meters: {@code portcullis.control.connected} (1 when the last call was answered),
 * {@code portcullis.control.last.contact} (epoch seconds of the last answer, 0 never),
 * {@code portcullis.control.version} (the version served, 0 none), {@code portcullis.control.refused} (versions
 * the node refused), {@code portcullis.control.checkpoints.published} and {@code ...checkpoints.refused}.
 */
final class LinkState {

    private final Clock clock;
    private volatile LinkStatus status;
    private Counter refused;
    private Counter published;
    private Counter checkpointsRefused;

    LinkState(String control, Clock clock) {
        this.clock = clock;
        this.status = new LinkStatus(control, false, null, 0, null, null);
    }

    /** Registers the link's meters on the node's registry. */
    void bind(MeterRegistry registry) {
        Gauge.builder("portcullis.control.connected", this, s -> s.status.connected() ? 1 : 0)
                .description("1 when the control plane answered the node's last call").register(registry);
        Gauge.builder("portcullis.control.last.contact", this,
                        s -> s.status.lastContact() == null ? 0 : s.status.lastContact().getEpochSecond())
                .description("When the control plane last answered (epoch seconds; 0: never)").register(registry);
        Gauge.builder("portcullis.control.version", this, s -> s.status.version())
                .description("The control plane's version the node serves (0: none)").register(registry);
        refused = Counter.builder("portcullis.control.refused")
                .description("Versions the node did not apply (invalid here, or refused by change control)")
                .register(registry);
        published = Counter.builder("portcullis.control.checkpoints.published")
                .description("Audit checkpoints the control plane accepted from this node").register(registry);
        checkpointsRefused = Counter.builder("portcullis.control.checkpoints.refused")
                .description("Audit checkpoints the control plane refused from this node").register(registry);
    }

    LinkStatus status() {
        return status;
    }

    synchronized void answered() {
        LinkStatus s = status;
        status = new LinkStatus(s.control(), true, clock.instant(), s.version(), s.digest(), s.refused());
    }

    /** Returns whether the link was connected until now (for logging the change once). */
    synchronized boolean unanswered() {
        LinkStatus s = status;
        status = new LinkStatus(s.control(), false, s.lastContact(), s.version(), s.digest(), s.refused());
        return s.connected();
    }

    synchronized void serving(long version, String digest) {
        LinkStatus s = status;
        status = new LinkStatus(s.control(), s.connected(), s.lastContact(), version, digest, s.refused());
    }

    synchronized void refused(String what) {
        LinkStatus s = status;
        status = new LinkStatus(s.control(), s.connected(), s.lastContact(), s.version(), s.digest(), what);
        if (refused != null) {
            refused.increment();
        }
    }

    void checkpoint(boolean accepted) {
        Counter c = accepted ? published : checkpointsRefused;
        if (c != null) {
            c.increment();
        }
    }

    Instant now() {
        return clock.instant();
    }
}
