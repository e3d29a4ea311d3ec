package io.portcullis.runtime.evidence;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Turns every connection decision (admitted or refused) and every finished request into an audit record and
 * appends it. {@link AuditLog#append} never blocks; when the log cannot take a record under the fail-closed
 * policy, {@link #admitting()} turns false and the gateway stops admitting until it recovers, so no request goes
 * unaudited. Only identifiers are recorded (token subject and issuer, never the token; no headers); the query
 * string is redacted by the log unless configured otherwise.
 */
public final class AuditRecorder implements GatewayListener {

    private final AuditLog log;
    /** The admitting rule's text per pre-built decision, and the source's text per address: one instance each. */
    private final SharedTexts<Decision> rules = new SharedTexts<>(AuditRecorder::rule);
    private final SharedTexts<InetAddress> addresses = new SharedTexts<>(InetAddress::getHostAddress);

    public AuditRecorder(AuditLog log) {
        this.log = requireNonNull(log, "log");
    }

    @Override
    public void onConnection(ConnectionEvent e) {
        if (e.phase() == ConnectionEvent.Phase.CLOSED) {
            return; // the decision was recorded when it was made; requests carry the traffic
        }
        AuditRecord.Builder b = AuditRecord.builder(e.time(), AuditRecord.Kind.CONNECTION, e.decision()).api(e.api());
        InetSocketAddress from = e.sourceAddress() != null ? e.sourceAddress() : e.peer();
        b.source(addresses.of(from.getAddress()), from.getPort());
        if (!e.vpcEndpoint().isEmpty()) {
            b.vpcEndpoint(e.vpcEndpoint());
        }
        source(b, e.source());
        if (e.decision().allowed()) {
            b.admittedBy(rules.of(e.decision()));
        }
        if (!e.blocklist().isEmpty()) {
            b.feed(e.blocklist());
        }
        if (e.clientIdentity() != null) {
            b.principal(e.clientIdentity().primary());
        }
        plan(b, e.plan());
        log.append(b.build());
    }

    @Override
    public void onRequest(RequestEvent e) {
        AuditRecord.Builder b = AuditRecord.builder(e.time(), e.probe() ? AuditRecord.Kind.PROBE : AuditRecord.Kind.REQUEST, e.decision())
                .requestId(e.requestId()).api(e.api())
                .source(addresses.of(e.sourceAddress().getAddress()), e.sourceAddress().getPort())
                .admittedBy(rules.of(e.admission()))
                .status(e.status()).bytes(e.requestBytes(), e.responseBytes()).latency(Duration.ofNanos(e.latencyNanos()));
        if (e.route() != null) {
            b.route(e.route());
        }
        if (!e.method().isEmpty()) {
            b.method(e.method()).path(e.path());
        }
        if (!e.source().vpcEndpoint().isEmpty()) {
            b.vpcEndpoint(e.source().vpcEndpoint());
        }
        source(b, e.source());
        Authorization a = e.authorization();
        if (a != null) {
            if (!a.principal().isEmpty()) {
                b.principal(a.principal());
            }
            if (!a.subject().isEmpty() || !a.issuer().isEmpty()) {
                b.token(a.subject(), a.issuer());
            }
            if (a.decision().layer() == Layer.POLICY && !a.decision().decidedBy().isEmpty()) {
                b.policyStatement(a.decision().decidedBy());
            }
            if (!a.location().isEmpty()) {
                b.location(a.location());
            }
        } else if (e.clientIdentity() != null) {
            b.principal(e.clientIdentity().primary());
        }
        plan(b, e.plan());
        log.append(b.build());
    }

    @Override
    public boolean admitting() {
        return log.admitting();
    }

    private static void plan(AuditRecord.Builder b, String plan) {
        if (!plan.isEmpty()) {
            b.plan(plan);
        }
    }

    private static void source(AuditRecord.Builder b, Source s) {
        if (s == null) {
            return;
        }
        if (!s.vpc().isEmpty()) {
            b.vpc(s.vpc());
        }
        if (!s.workload().isEmpty()) {
            b.workload(s.workload());
        }
        b.securityGroups(s.groups());
    }

    /** The admitting rule as one string: "111111111111/sg-api ingress[0] tcp/8443 from ...". */
    static String rule(Decision d) {
        return d.detail().isEmpty() ? d.decidedBy() : d.decidedBy() + " " + d.detail();
    }
}
