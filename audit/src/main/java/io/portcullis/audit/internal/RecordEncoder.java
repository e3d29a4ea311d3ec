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
 * <p>Design note: runs only on the writer thread, appending to a {@link ByteSink} the caller reuses (the writer's
 * frame buffer), and allocates nothing per record once warm. Field names are constants with their separator
 * ({@code ,"api":}). Texts that come from the compiled configuration (API, route, VPC, groups, rule, statement,
 * decision texts, plan digest) are the same {@code String} instances record after record: their encoded bytes are
 * remembered by identity ({@link EncodedStrings}) and copied. Texts made per request (request id, path, address,
 * principal, subject) are copied char by char while they are ASCII with nothing to escape, the common case; only
 * a string needing escapes or holding non-ASCII takes the general path through its UTF-8 bytes. Numbers are written
 * digit by digit. Linear in the record's size.
 */
public final class RecordEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] ESCAPE = new boolean[128];
    private static final byte[] REDACTED = "?<redacted>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] KINDS = quotedLowerNames(AuditRecord.Kind.values());
    private static final byte[][] VERDICTS = quotedLowerNames(Verdict.values());
    private static final byte[][] LAYERS = quotedLowerNames(Layer.values());

    private static final byte[] TIME = ascii("{\"time\":\"");
    private static final byte[] KIND = field("kind");
    private static final byte[] REQUEST_ID = field("requestId");
    private static final byte[] API = field("api");
    private static final byte[] ROUTE = field("route");
    private static final byte[] METHOD = field("method");
    private static final byte[] PATH = field("path");
    private static final byte[] SOURCE_ADDRESS = field("sourceAddress");
    private static final byte[] SOURCE_PORT = field("sourcePort");
    private static final byte[] VPC = field("vpc");
    private static final byte[] VPC_ENDPOINT = field("vpcEndpoint");
    private static final byte[] WORKLOAD = field("workload");
    private static final byte[] SECURITY_GROUPS = field("securityGroups");
    private static final byte[] ADMITTED_BY = field("admittedBy");
    private static final byte[] PRINCIPAL = field("principal");
    private static final byte[] TOKEN_SUBJECT = field("tokenSubject");
    private static final byte[] TOKEN_ISSUER = field("tokenIssuer");
    private static final byte[] POLICY_STATEMENT = field("policyStatement");
    private static final byte[] VERDICT = field("verdict");
    private static final byte[] LAYER = field("layer");
    private static final byte[] REASON = field("reason");
    private static final byte[] DECIDED_BY = field("decidedBy");
    private static final byte[] DETAIL = field("detail");
    private static final byte[] STATUS = field("status");
    private static final byte[] BYTES_IN = field("bytesIn");
    private static final byte[] BYTES_OUT = field("bytesOut");
    private static final byte[] LATENCY_MICROS = field("latencyMicros");
    private static final byte[] FEED = field("feed");
    private static final byte[] PLAN = field("plan");
    private static final byte[] LOCATION = field("location");

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = true;
        }
        ESCAPE['"'] = true;
        ESCAPE['\\'] = true;
    }

    private final boolean redactQuery;
    private final ByteSink own = new ByteSink(1024);
    private final InstantFormat instants = new InstantFormat();
    private final EncodedStrings shared = new EncodedStrings();

    public RecordEncoder(boolean redactQuery) {
        this.redactQuery = redactQuery;
    }

    /** Encodes {@code r} into a buffer of the encoder's own; the result is valid until the next call. */
    ByteSink encode(AuditRecord r) {
        own.reset();
        encode(r, own);
        return own;
    }

    /** Appends the canonical bytes of {@code r} to {@code out}, after what it holds. */
    void encode(AuditRecord r, ByteSink out) {
        out.put(TIME);
        instants.write(r.time(), out);
        out.put((byte) '"');
        out.put(KIND);
        out.put(KINDS[r.kind().ordinal()]);
        fresh(out, REQUEST_ID, r.requestId());
        shared(out, API, r.api());
        shared(out, ROUTE, r.route());
        shared(out, METHOD, r.method());
        path(out, r.path());
        fresh(out, SOURCE_ADDRESS, r.sourceAddress());
        number(out, SOURCE_PORT, r.sourcePort());
        shared(out, VPC, r.vpc());
        shared(out, VPC_ENDPOINT, r.vpcEndpoint());
        shared(out, WORKLOAD, r.workload());
        groups(out, r.securityGroups());
        shared(out, ADMITTED_BY, r.admittedBy());
        fresh(out, PRINCIPAL, r.principal());
        fresh(out, TOKEN_SUBJECT, r.tokenSubject());
        shared(out, TOKEN_ISSUER, r.tokenIssuer());
        shared(out, POLICY_STATEMENT, r.policyStatement());
        Decision d = r.decision();
        out.put(VERDICT);
        out.put(VERDICTS[d.verdict().ordinal()]);
        out.put(LAYER);
        out.put(LAYERS[d.layer().ordinal()]);
        shared(out, REASON, d.reason().code());
        shared(out, DECIDED_BY, d.decidedBy());
        shared(out, DETAIL, d.detail());
        number(out, STATUS, r.status());
        number(out, BYTES_IN, r.bytesIn());
        number(out, BYTES_OUT, r.bytesOut());
        Duration latency = r.latency();
        if (latency != null) {
            number(out, LATENCY_MICROS, latency.toNanos() / 1000);
        }
        shared(out, FEED, r.feed());
        shared(out, PLAN, r.plan());
        shared(out, LOCATION, r.location());
        out.put((byte) '}');
    }

    /** Convenience for tests and tools: the canonical bytes of {@code r}. */
    public byte[] toBytes(AuditRecord r) {
        return encode(r).toByteArray();
    }

    /** The path, its query replaced by {@code ?<redacted>} when redacting ({@link AuditRecord#withoutQuery}). */
    private void path(ByteSink out, String path) {
        if (path == null) {
            return;
        }
        int q = redactQuery ? path.indexOf('?') : -1;
        out.put(PATH);
        if (q < 0) {
            quote(out, path, 0, path.length(), 0);
        } else {
            quote(out, path, 0, q, REDACTED.length);
            out.len--; // reopen the string: the marker goes inside the quotes
            out.put(REDACTED);
            out.put((byte) '"');
        }
    }

    private void groups(ByteSink out, List<String> groups) {
        out.put(SECURITY_GROUPS);
        out.put((byte) '[');
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            sharedString(out, groups.get(i));
        }
        out.put((byte) ']');
    }

    private void shared(ByteSink out, byte[] name, String value) {
        if (value != null) {
            out.put(name);
            sharedString(out, value);
        }
    }

    /** A configuration text: its bytes copied from the cache, or encoded once and remembered. */
    private void sharedString(ByteSink out, String s) {
        byte[] cached = shared.get(s);
        if (cached != null) {
            out.put(cached);
            return;
        }
        int start = out.len;
        quote(out, s, 0, s.length(), 0);
        shared.put(s, java.util.Arrays.copyOfRange(out.buf, start, out.len));
    }

    private static void fresh(ByteSink out, byte[] name, String value) {
        if (value != null) {
            out.put(name);
            quote(out, value, 0, value.length(), 0);
        }
    }

    private static void number(ByteSink out, byte[] name, long value) {
        out.put(name);
        out.digits(value);
    }

    /**
     * Writes {@code s[from, to)} as a JSON string, leaving room for {@code spare} more bytes. ASCII without
     * anything to escape is copied char by char; anything else goes through {@link #escaped}.
     */
    private static void quote(ByteSink out, String s, int from, int to, int spare) {
        out.ensure(to - from + 2 + spare);
        byte[] b = out.buf;
        int p = out.len;
        b[p++] = '"';
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPE[c]) {
                escaped(out, s.substring(from, to), spare);
                return;
            }
            b[p++] = (byte) c;
        }
        b[p++] = '"';
        out.len = p;
    }

    /**
     * The general path. Escaping works on the UTF-8 bytes: bytes of multi-byte sequences are all >= 0x80, so only
     * ASCII quote, backslash and control bytes need it. A lone surrogate becomes '?', as {@link String#getBytes}
     * makes it.
     */
    private static void escaped(ByteSink out, String s, int spare) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        out.ensure(u.length * 6 + 2 + spare);
        byte[] b = out.buf;
        int p = out.len;
        b[p++] = '"';
        for (byte c : u) {
            if (c < 0 || !ESCAPE[c]) {
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

    private static byte[] field(String name) {
        return ascii(",\"" + name + "\":");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] quotedLowerNames(Enum<?>[] values) {
        byte[][] out = new byte[values.length][];
        for (Enum<?> v : values) {
            out[v.ordinal()] = ascii('"' + v.name().toLowerCase(Locale.ROOT) + '"');
        }
        return out;
    }
}
