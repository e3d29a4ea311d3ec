package io.portcullis.audit.internal;

import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Encodes an {@link AuditRecord} as canonical JSON: fixed field order, no whitespace, absent optional fields
 * omitted, strings escaped minimally (quote, backslash, control characters) and otherwise UTF-8. The same record
 * always yields the same bytes, so its leaf hash can be recomputed by anyone with the record.
 *
 * <p>Design note: runs only on the writer thread and writes into one reused {@link ByteSink}, so the steady state
 * allocates little beyond {@code Instant.toString()}. Linear in the record's size.
 */
public final class RecordEncoder {

    static final String REDACTED_QUERY = "?<redacted>";

    private final boolean redactQuery;
    private final ByteSink out = new ByteSink(1024);
    private boolean first;

    public RecordEncoder(boolean redactQuery) {
        this.redactQuery = redactQuery;
    }

    /** Encodes {@code r}; the result is valid until the next call. */
    ByteSink encode(AuditRecord r) {
        out.reset();
        first = true;
        out.put((byte) '{');
        str("time", r.time().toString());
        str("kind", r.kind().name().toLowerCase(Locale.ROOT));
        str("requestId", r.requestId());
        str("api", r.api());
        str("route", r.route());
        str("method", r.method());
        str("path", redact(r.path()));
        str("sourceAddress", r.sourceAddress());
        num("sourcePort", r.sourcePort());
        str("vpc", r.vpc());
        str("vpcEndpoint", r.vpcEndpoint());
        str("workload", r.workload());
        list("securityGroups", r.securityGroups());
        str("admittedBy", r.admittedBy());
        str("principal", r.principal());
        str("tokenSubject", r.tokenSubject());
        str("tokenIssuer", r.tokenIssuer());
        str("policyStatement", r.policyStatement());
        Decision d = r.decision();
        str("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
        str("layer", d.layer().name().toLowerCase(Locale.ROOT));
        str("reason", d.reason().code());
        str("decidedBy", d.decidedBy());
        str("detail", d.detail());
        num("status", r.status());
        num("bytesIn", r.bytesIn());
        num("bytesOut", r.bytesOut());
        Duration latency = r.latency();
        if (latency != null) {
            num("latencyMicros", latency.toNanos() / 1000);
        }
        str("feed", r.feed());
        out.put((byte) '}');
        return out;
    }

    /** Convenience for tests and tools: the canonical bytes of {@code r}. */
    public byte[] toBytes(AuditRecord r) {
        return encode(r).toByteArray();
    }

    private String redact(String path) {
        if (path == null || !redactQuery) {
            return path;
        }
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q) + REDACTED_QUERY;
    }

    private void name(String name) {
        if (!first) {
            out.put((byte) ',');
        }
        first = false;
        out.put((byte) '"');
        out.ascii(name);
        out.put((byte) '"');
        out.put((byte) ':');
    }

    private void num(String name, long value) {
        name(name);
        out.ascii(Long.toString(value));
    }

    private void str(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
    }

    private void list(String name, List<String> values) {
        name(name);
        out.put((byte) '[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            string(values.get(i));
        }
        out.put((byte) ']');
    }

    private void string(String s) {
        out.ensure(s.length() * 3 + 2);
        byte[] b = out.buf;
        int p = out.len;
        b[p++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"' || c == '\\') {
                    out.len = p;
                    out.ensure(2 + (s.length() - i) * 3 + 8);
                    b = out.buf;
                    b[p++] = '\\';
                    b[p++] = (byte) c;
                } else if (c < 0x20) {
                    out.len = p;
                    out.ensure(6 + (s.length() - i) * 3 + 8);
                    b = out.buf;
                    String hex = String.format("\\u%04x", (int) c);
                    for (int k = 0; k < 6; k++) {
                        b[p++] = (byte) hex.charAt(k);
                    }
                } else {
                    b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                char ch = Character.isSurrogate(c) ? '\uFFFD' : c; // a lone surrogate has no UTF-8 form
                b[p++] = (byte) (0xE0 | (ch >> 12));
                b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        out.len = p;
        out.ensure(1);
        out.buf[out.len++] = '"';
    }
}
