package io.portcullis.runtime.serving;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Admission;
import io.portcullis.engine.AccessEngine;
import io.portcullis.gateway.guard.ConnectionGuard;
import java.net.InetAddress;

/**
 * The gateway's network layer, answered by the security-group engine. The engine reference is swapped whole on
 * reload ({@link #use}); a connection is decided on whichever compiled snapshot is current when it arrives, and
 * the engine's own live membership changes are visible at once.
 */
public final class EngineGuard implements ConnectionGuard {

    private volatile AccessEngine engine;

    public EngineGuard(AccessEngine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /** Serves new connections from {@code next}. */
    public void use(AccessEngine next) {
        this.engine = requireNonNull(next, "next");
    }

    public AccessEngine engine() {
        return engine;
    }

    @Override
    public Admission admit(String apiName, InetAddress address, String vpcEndpointId, long nowMillis) {
        return engine.snapshot().admit(apiName, address, vpcEndpointId, nowMillis);
    }
}
