package io.portcullis.gateway.proxy;

import io.portcullis.decision.Reason;

/** A PROXY header that must be refused; the reason code and an operator detail (never sent to the client). */
public final class ProxyHeaderException extends Exception {

    private final transient Reason reason;

    public ProxyHeaderException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
