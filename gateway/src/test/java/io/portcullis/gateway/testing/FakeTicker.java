package io.portcullis.gateway.testing;

import io.portcullis.time.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker that stands still until a test advances it, read from any thread. To be replaced by the shared
 * test-fixtures module's fake ticker.
 */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long read() {
        return nanos.get();
    }

    /** Moves the time on by {@code duration}. */
    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
