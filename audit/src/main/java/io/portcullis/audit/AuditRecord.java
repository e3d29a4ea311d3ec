package io.portcullis.audit;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One audited decision, connection-level or request-level: who (source, VPC, workload, principal), what (API,
 * route, method, path), which authorization applied (effective security groups, the admitting group rule or the
 * denial, the deciding policy statement) and how it ended (decision, status, bytes, latency).
 *
 * <p>Only identifiers are recorded: the token subject and issuer, never the token; no headers. The path's query
 * string is redacted when the record is written unless {@link AuditSettings#redactQuery()} is off. Optional fields
 * are {@code null} and omitted from the serialized form. Build with {@link #builder(Instant, Kind, Decision)}.
 */
public record AuditRecord(
        Instant time,
        Kind kind,
        String requestId,
        String api,
        String route,
        String method,
        String path,
        String sourceAddress,
        int sourcePort,
        String vpc,
        String vpcEndpoint,
        String workload,
        List<String> securityGroups,
        String admittedBy,
        String principal,
        String tokenSubject,
        String tokenIssuer,
        String policyStatement,
        Decision decision,
        int status,
        long bytesIn,
        long bytesOut,
        Duration latency,
        String feed,
        String plan,
        String location) {

    /**
     * Whether the record describes an accepted connection, an HTTP request, a change of the plan a node serves
     * (applied or refused under {@code changeControl}), an assurance probe (a request whose probe mark verified,
     * answered by the gateway itself), or an assurance run's result (its truth table, one record per run).
     */
    public enum Kind {
        CONNECTION,
        REQUEST,
        CHANGE,
        PROBE,
        ASSURANCE,
        /** The node's link to the cluster store: global limits switched to the local share and back. */
        CLUSTER
    }

    public AuditRecord {
        requireNonNull(time, "time");
        requireNonNull(kind, "kind");
        requireNonNull(decision, "decision");
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        if (sourcePort < 0 || sourcePort > 65535) {
            throw new IllegalArgumentException("sourcePort: " + sourcePort + " (expected: 0..65535, 0 when unknown)");
        }
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 0..999, 0 when none was sent)");
        }
        if (bytesIn < 0 || bytesOut < 0) {
            throw new IllegalArgumentException("bytesIn/bytesOut: " + bytesIn + "/" + bytesOut + " (expected: >= 0)");
        }
        if (latency != null && latency.isNegative()) {
            throw new IllegalArgumentException("latency: " + latency + " (expected: >= 0)");
        }
    }

    /**
     * {@code path} with its query string replaced by {@code ?<redacted>}: query parameters often carry tokens and
     * personal data. The audit log applies it unless configured otherwise; the access log uses the same rule.
     */
    public static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q) + "?<redacted>";
    }

    public static Builder builder(Instant time, Kind kind, Decision decision) {
        return new Builder(time, kind, decision);
    }

    /** Fills the optional fields; every setter returns the builder. */
    public static final class Builder {
        private final Instant time;
        private final Kind kind;
        private final Decision decision;
        private String requestId;
        private String api;
        private String route;
        private String method;
        private String path;
        private String sourceAddress;
        private int sourcePort;
        private String vpc;
        private String vpcEndpoint;
        private String workload;
        private List<String> securityGroups = List.of();
        private String admittedBy;
        private String principal;
        private String tokenSubject;
        private String tokenIssuer;
        private String policyStatement;
        private int status;
        private long bytesIn;
        private long bytesOut;
        private Duration latency;
        private String feed;
        private String plan;
        private String location;

        private Builder(Instant time, Kind kind, Decision decision) {
            this.time = requireNonNull(time, "time");
            this.kind = requireNonNull(kind, "kind");
            this.decision = requireNonNull(decision, "decision");
        }

        public Builder requestId(String v) { requestId = v; return this; }
        public Builder api(String v) { api = v; return this; }
        public Builder route(String v) { route = v; return this; }
        public Builder method(String v) { method = v; return this; }
        /** The request path as received; the query string is redacted on write by default. */
        public Builder path(String v) { path = v; return this; }
        public Builder source(String address, int port) { sourceAddress = address; sourcePort = port; return this; }
        public Builder vpc(String v) { vpc = v; return this; }
        public Builder vpcEndpoint(String v) { vpcEndpoint = v; return this; }
        public Builder workload(String v) { workload = v; return this; }
        public Builder securityGroups(List<String> v) { securityGroups = requireNonNull(v, "securityGroups"); return this; }
        /** The security-group rule that admitted the connection, e.g. {@code "111111111111/sg-api ingress[0]"}. */
        public Builder admittedBy(String v) { admittedBy = v; return this; }
        public Builder principal(String v) { principal = v; return this; }
        /** The token's subject and issuer claims; never pass the token itself. */
        public Builder token(String subject, String issuer) { tokenSubject = subject; tokenIssuer = issuer; return this; }
        public Builder policyStatement(String v) { policyStatement = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder bytes(long in, long out) { bytesIn = in; bytesOut = out; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        /** The threat feed whose entry caused a block. */
        public Builder feed(String v) { feed = v; return this; }
        /** The digest of the plan that decided ({@code sha256:...}). */
        public Builder plan(String v) { plan = v; return this; }
        /**
         * Where the source address was found when the decision used it, with the databases that said so and
         * their build times, e.g. {@code "country SE, continent EU by GeoIP2-Country built 2026-02-04T22:49:29Z"}.
         */
        public Builder location(String v) { location = v; return this; }

        public AuditRecord build() {
            return new AuditRecord(time, kind, requestId, api, route, method, path, sourceAddress, sourcePort, vpc,
                    vpcEndpoint, workload, securityGroups, admittedBy, principal, tokenSubject, tokenIssuer,
                    policyStatement, decision, status, bytesIn, bytesOut, latency, feed, plan, location);
        }
    }
}
