package io.portcullis.runtime.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.RequestEvent;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The access log's two kinds of line, one JSON object each: {@code "kind":"request"} for a finished request and
 * {@code "kind":"connection"} for a refused connection. Both carry the decision that decided (verdict, layer,
 * reason, {@code decidedBy}, and for a denial the operator detail), so a line answers "who decided this, and why"
 * without the audit log. Optional fields are left out when empty. docs/observability.md lists every field.
 */
final class AccessLogLines {

    private AccessLogLines() {}

    static void request(JsonGenerator g, RequestEvent e, boolean recordQuery) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("kind", "request");
        g.writeStringField("requestId", e.requestId());
        g.writeNumberField("connectionId", e.connectionId());
        g.writeStringField("api", e.api());
        if (e.route() != null) {
            g.writeStringField("route", e.route());
        }
        g.writeStringField("method", e.method());
        g.writeStringField("path", recordQuery ? e.path() : AuditRecord.withoutQuery(e.path()));
        g.writeStringField("protocol", e.protocol());
        g.writeBooleanField("tls", e.tls());
        address(g, "source", e.sourceAddress());
        source(g, e.source(), e.source().vpcEndpoint());
        Authorization a = e.authorization();
        if (a != null && !a.principal().isEmpty()) {
            g.writeStringField("principal", a.principal());
        }
        decision(g, e.decision());
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

    static void connection(JsonGenerator g, ConnectionEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("kind", "connection");
        g.writeNumberField("connectionId", e.connectionId());
        g.writeStringField("api", e.api());
        address(g, "peer", e.peer());
        if (e.sourceAddress() != null) {
            address(g, "source", e.sourceAddress());
        }
        source(g, e.source(), e.vpcEndpoint());
        if (e.clientIdentity() != null) {
            g.writeStringField("clientIdentity", e.clientIdentity().primary());
        }
        decision(g, e.decision());
        if (!e.blocklist().isEmpty()) {
            g.writeStringField("blocklist", e.blocklist());
        }
        g.writeNumberField("bytesIn", e.bytesReceived());
        g.writeNumberField("bytesOut", e.bytesSent());
        g.writeNumberField("durationMicros", e.durationNanos() / 1000);
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** {@code <prefix>Address} and {@code <prefix>Port}. */
    private static void address(JsonGenerator g, String prefix, InetSocketAddress address) throws IOException {
        g.writeStringField(prefix + "Address", address.getAddress().getHostAddress());
        g.writeNumberField(prefix + "Port", address.getPort());
    }

    private static void source(JsonGenerator g, Source s, String vpcEndpoint) throws IOException {
        if (s != null && !s.vpc().isEmpty()) {
            g.writeStringField("vpc", s.vpc());
        }
        if (!vpcEndpoint.isEmpty()) {
            g.writeStringField("vpcEndpoint", vpcEndpoint);
        }
        if (s != null && !s.workload().isEmpty()) {
            g.writeStringField("workload", s.workload());
        }
    }

    /** The verdict, layer, reason and what decided, always; the operator detail of a denial. */
    private static void decision(JsonGenerator g, Decision d) throws IOException {
        g.writeStringField("decision", d.verdict().name());
        g.writeStringField("layer", d.layer().name());
        g.writeStringField("reason", d.reason().code());
        g.writeStringField("decidedBy", d.decidedBy());
        if (!d.allowed() && !d.detail().isEmpty()) {
            g.writeStringField("detail", d.detail());
        }
    }
}
