package io.portcullis.runtime.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.portcullis.audit.AuditRecord;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.io.IOException;
import java.io.OutputStream;
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
 * The access log: one JSON object per finished request, one per line, separate from the audit log (it is for
 * operators, not evidence: it may be rotated, shipped or lost). The event loop only offers the event to a bounded
 * queue; a writer thread renders and writes in batches. When the queue is full the line is dropped and counted
 * ({@link #dropped()}), never blocking a request. The query string is dropped unless {@code recordQuery}; no
 * header is ever written, so no token or key can reach this file.
 */
public final class AccessLogWriter implements GatewayListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    private final BlockingQueue<RequestEvent> queue = new ArrayBlockingQueue<>(65_536);
    private final OutputStream out;
    private final boolean recordQuery;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean running = true;

    /** Writes to {@code path} (appending), or to standard output when null. */
    public AccessLogWriter(Path path, boolean recordQuery) {
        this.recordQuery = recordQuery;
        try {
            this.out = path == null ? System.out : Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("accessLog.path: cannot open " + path + " for appending", e);
        }
        this.writer = new Thread(this::drain, "portcullis-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void onRequest(RequestEvent event) {
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    private void drain() {
        JsonFactory json = new JsonFactory();
        List<RequestEvent> batch = new ArrayList<>(1024);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.setRootValueSeparator(null);
            while (running || !queue.isEmpty()) {
                RequestEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue; // nothing for 200 ms: look at running again
                }
                batch.add(first);
                queue.drainTo(batch, 1023);
                for (RequestEvent e : batch) {
                    write(g, e);
                }
                batch.clear();
                g.flush();
            }
        } catch (IOException e) {
            log.error("access log: write failed, no more lines will be written: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(JsonGenerator g, RequestEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("requestId", e.requestId());
        g.writeStringField("api", e.api());
        if (e.route() != null) {
            g.writeStringField("route", e.route());
        }
        g.writeStringField("method", e.method());
        g.writeStringField("path", recordQuery ? e.path() : AuditRecord.withoutQuery(e.path()));
        g.writeStringField("protocol", e.protocol());
        g.writeBooleanField("tls", e.tls());
        g.writeStringField("sourceAddress", e.sourceAddress().getAddress().getHostAddress());
        g.writeNumberField("sourcePort", e.sourceAddress().getPort());
        if (!e.source().vpc().isEmpty()) {
            g.writeStringField("vpc", e.source().vpc());
        }
        if (!e.source().vpcEndpoint().isEmpty()) {
            g.writeStringField("vpcEndpoint", e.source().vpcEndpoint());
        }
        if (!e.source().workload().isEmpty()) {
            g.writeStringField("workload", e.source().workload());
        }
        Authorization a = e.authorization();
        if (a != null && !a.principal().isEmpty()) {
            g.writeStringField("principal", a.principal());
        }
        g.writeStringField("decision", e.decision().verdict().name());
        g.writeStringField("layer", e.decision().layer().name());
        g.writeStringField("reason", e.decision().reason().code());
        g.writeNumberField("status", e.status());
        g.writeNumberField("bytesIn", e.requestBytes());
        g.writeNumberField("bytesOut", e.responseBytes());
        g.writeNumberField("latencyMicros", e.latencyNanos() / 1000);
        g.writeStringField("outcome", e.outcome().name());
        if (e.upstreamError() != null) {
            g.writeStringField("upstreamError", e.upstreamError().toString());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (out != System.out) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("access log: close failed: {}", e.toString());
            }
        }
    }
}
