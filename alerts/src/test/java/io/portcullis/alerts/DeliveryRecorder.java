package io.portcullis.alerts;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A delivery listener and alert sink that keeps what it heard, for tests to await. */
final class DeliveryRecorder implements DeliveryListener, AlertSink {

    final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
    final BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();

    @Override
    public void accept(Alert alert) {
        alerts.add(alert);
    }

    @Override
    public void delivered(Alert alert, int attempts) {
        outcomes.add("delivered " + alert.key() + " after " + attempts);
    }

    @Override
    public void gaveUp(Alert alert, int attempts, String reason) {
        outcomes.add("gave up " + alert.key() + " after " + attempts + ": " + reason);
    }

    @Override
    public void overflowed(Alert alert) {
        outcomes.add("overflowed " + alert.key());
    }

    String nextOutcome() throws InterruptedException {
        String o = outcomes.poll(30, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("no delivery outcome");
        }
        return o;
    }
}
