package io.portcullis.runtime.evidence;

import static java.util.Objects.requireNonNull;

import io.portcullis.alerts.AlertEvent;
import io.portcullis.alerts.Alerts;
import io.portcullis.decision.Source;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.time.Clock;
import java.util.List;

/**
 * Feeds the gateway's decisions to the alert rules: each admitted request, each denial (a refused connection or a
 * refused request, any layer) and each authentication failure (a 401 from the authorizer). The source key is the
 * workload when the address belongs to one, else the address. {@link Alerts#submit} is one CAS into a lock-free
 * ring, so this costs the event loop next to nothing and never waits. Assurance probes are left out.
 */
public final class AlertBridge implements GatewayListener {

    private final Alerts alerts;
    private final Clock clock;

    public AlertBridge(Alerts alerts, Clock clock) {
        this.alerts = requireNonNull(alerts, "alerts");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void onConnection(ConnectionEvent e) {
        if (e.phase() == ConnectionEvent.Phase.REFUSED) {
            String key = e.source() != null ? key(e.source())
                    : (e.sourceAddress() != null ? e.sourceAddress() : e.peer()).getAddress().getHostAddress();
            alerts.submit(AlertEvent.denial(clock.millis(), e.api(), key, e.source() == null ? List.of() : e.source().groups()));
        }
    }

    @Override
    public void onRequest(RequestEvent e) {
        if (e.probe()) {
            return; // assurance probes report through their own run, never as traffic
        }
        long now = clock.millis();
        String key = key(e.source());
        if (e.decision().allowed()) {
            alerts.submit(AlertEvent.request(now, e.api(), key));
            return;
        }
        alerts.submit(AlertEvent.denial(now, e.api(), key, e.source().groups()));
        if (e.authorization() != null && e.authorization().status() == 401) {
            alerts.submit(AlertEvent.authFailure(now, e.api(), key, e.source().groups()));
        }
    }

    private static String key(Source s) {
        return s.isKnownWorkload() ? s.workload() : s.address().getHostAddress();
    }
}
