package io.portcullis.runtime.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON object per line for every finished request and every refused connection
 * ({@link AccessLogLines} renders them, docs/observability.md lists the fields), separate from the audit log (it
 * is for operators, not evidence: it may be rotated, shipped or lost). The event loop only offers the event to a
 * bounded queue; a writer thread renders and writes in batches. When the queue is full the line is dropped and
 * counted ({@link #dropped()}), never blocking a request. The query string is dropped unless {@code recordQuery};
 * no header is ever written, so no token or key can reach this file.
 */
public final class AccessLogWriter implements GatewayListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    /** {@link RequestEvent}s and refused {@link ConnectionEvent}s, in the order they happened. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(65_536);
    private final Path path;
    private final boolean recordQuery;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private final JsonFactory json = new JsonFactory();
    private volatile boolean running = true;
    private volatile boolean reopen;

    /** Writes to {@code path} (appending), or to standard output when null. */
    public AccessLogWriter(Path path, boolean recordQuery) {
        this.path = path;
        this.recordQuery = recordQuery;
        JsonGenerator first;
        try {
            first = generator();
        } catch (IOException e) {
            throw new UncheckedIOException("accessLog.path: cannot open " + path + " for appending", e);
        }
        this.writer = new Thread(() -> drain(first), "portcullis-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void onRequest(RequestEvent event) {
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    /** A refused connection gets a line (admitted ones are told by their requests). */
    @Override
    public void onConnection(ConnectionEvent event) {
        if (event.phase() == ConnectionEvent.Phase.REFUSED && !queue.offer(event)) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    /**
     * Reopens the file by its path before the next batch, as log rotation expects after it renamed the file (the
     * node calls this on every reload, so on SIGHUP). Lines queued meanwhile go to the new file.
     */
    public void reopen() {
        reopen = true;
    }

    private JsonGenerator generator() throws IOException {
        JsonGenerator g = path == null
                ? json.createGenerator(System.out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                : json.createGenerator(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        g.setRootValueSeparator(null);
        return g;
    }

    private void drain(JsonGenerator first) {
        List<Object> batch = new ArrayList<>(1024);
        JsonGenerator g = first;
        try {
            while (running || !queue.isEmpty()) {
                Object next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (reopen) {
                    reopen = false;
                    g = reopened(g);
                }
                if (next == null) {
                    continue; // nothing for 200 ms: look at running again
                }
                batch.add(next);
                queue.drainTo(batch, 1023);
                g = write(g, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(g);
    }

    /** Writes a batch; on failure closes the file and returns null: lines are dropped and counted until a reopen. */
    private JsonGenerator write(JsonGenerator g, List<Object> batch) {
        if (g == null) {
            dropped.add(batch.size());
            return null;
        }
        try {
            for (Object e : batch) {
                if (e instanceof RequestEvent request) {
                    AccessLogLines.request(g, request, recordQuery);
                } else {
                    AccessLogLines.connection(g, (ConnectionEvent) e);
                }
            }
            g.flush();
            return g;
        } catch (IOException e) {
            log.error("access log: write failed, lines are dropped until the file is reopened (reload or SIGHUP): {}",
                    e.toString());
            dropped.add(batch.size());
            close(g);
            return null;
        }
    }

    /** The generator for the reopened file, or the old one (or none) when the path cannot be opened now. */
    private JsonGenerator reopened(JsonGenerator old) {
        if (path == null) {
            return old;
        }
        close(old);
        try {
            JsonGenerator g = generator();
            log.info("access log: reopened {}", path);
            return g;
        } catch (IOException e) {
            log.error("access log: cannot reopen {}, lines are dropped until it can be: {}", path, e.toString());
            return null;
        }
    }

    private static void close(JsonGenerator g) {
        if (g != null) {
            try {
                g.close();
            } catch (IOException e) {
                log.warn("access log: close failed: {}", e.toString());
            }
        }
    }

    /** Writes what is queued (waiting up to five seconds), then closes the file. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
