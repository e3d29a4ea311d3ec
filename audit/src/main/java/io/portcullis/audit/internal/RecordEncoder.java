package io.portcullis.audit.internal;

import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Encodes an {@link AuditRecord} as canonical JSON: fixed field order, no whitespace, absent optional fields
 * omitted, strings escaped minimally (quote, backslash, control characters as {@code \\u00XX}) and otherwise
 * UTF-8. The same record always yields the same bytes, so its leaf hash can be recomputed by anyone with the record.
 *
 * <p>Design note: runs only on the writer thread and writes into one reused {@link ByteSink}, so the steady state
 * allocates only the transient UTF-8 copy of each string. Linear in the record's size.
 */
public final class RecordEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] ESCAPE = new boolean[256];
    private static final String[] KINDS = lowerNames(AuditRecord.Kind.values());
    private static final String[] VERDICTS = lowerNames(Verdict.values());
    private static final String[] LAYERS = lowerNames(Layer.values());

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = true;
        }
        ESCAPE['"'] = true;
        ESCAPE['\\'] = true;
    }

    private final boolean redactQuery;
    private final ByteSink out = new ByteSink(1024);
    private final InstantFormat instants = new InstantFormat();
    private final EncodedStrings names = new EncodedStrings();
    private final EncodedStrings values = new EncodedStrings();
    private boolean first;

    public RecordEncoder(boolean redactQuery) {
        this.redactQuery = redactQuery;
    }

    /** Encodes {@code r}; the result is valid until the next call. */
    ByteSink encode(AuditRecord r) {
        out.reset();
        first = true;
        out.put((byte) '{');
        name("time");
        out.put((byte) '"');
        instants.write(r.time(), out);
        out.put((byte) '"');
        str("kind", KINDS[r.kind().ordinal()]);
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
        str("verdict", VERDICTS[d.verdict().ordinal()]);
        str("layer", LAYERS[d.layer().ordinal()]);
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
        str("plan", r.plan());
        str("location", r.location());
        out.put((byte) '}');
        return out;
    }

    /** Convenience for tests and tools: the canonical bytes of {@code r}. */
    public byte[] toBytes(AuditRecord r) {
        return encode(r).toByteArray();
    }

    private String redact(String path) {
        return path == null || !redactQuery ? path : AuditRecord.withoutQuery(path);
    }

    private void name(String name) {
        if (!first) {
            out.put((byte) ',');
        }
        first = false;
        byte[] quoted = names.get(name);
        if (quoted == null) {
            quoted = ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
            names.put(name, quoted);
        }
        copy(quoted);
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

    /**
     * Writes {@code s} as a JSON string. Escaping works on the UTF-8 bytes: bytes of multi-byte sequences are all
     * >= 0x80, so only ASCII quote, backslash and control bytes need it. The common case (nothing to escape) is one
     * intrinsic encode plus one copy. A lone surrogate becomes '?', as {@link String#getBytes} makes it.
     */
    private void string(String s) {
        byte[] cached = values.get(s);
        if (cached != null) {
            copy(cached);
            return;
        }
        int start = out.len;
        quote(s);
        values.put(s, java.util.Arrays.copyOfRange(out.buf, start, out.len));
    }

    private void copy(byte[] bytes) {
        out.ensure(bytes.length);
        System.arraycopy(bytes, 0, out.buf, out.len, bytes.length);
        out.len += bytes.length;
    }

    private void quote(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        int first = 0;
        while (first < u.length && !needsEscape(u[first])) {
            first++;
        }
        out.ensure(u.length + 2 + (u.length - first) * 5);
        byte[] b = out.buf;
        int p = out.len;
        b[p++] = '"';
        System.arraycopy(u, 0, b, p, first);
        p += first;
        for (int i = first; i < u.length; i++) {
            byte c = u[i];
            if (!needsEscape(c)) {
                b[p++] = c;
            } else if (c == '"' || c == '\\') {
                b[p++] = '\\';
                b[p++] = c;
            } else {
                b[p++] = '\\';
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[c >> 4];
                b[p++] = HEX[c & 0xF];
            }
        }
        b[p++] = '"';
        out.len = p;
    }

    private static boolean needsEscape(byte c) {
        return ESCAPE[c & 0xFF];
    }

    private static String[] lowerNames(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (Enum<?> v : values) {
            out[v.ordinal()] = v.name().toLowerCase(Locale.ROOT);
        }
        return out;
    }
}
