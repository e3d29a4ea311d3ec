package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The value of one context key in one request: one string, several strings (a multi-valued key such as
 * {@code portcullis:SourceSecurityGroups}), a number or a boolean. Numbers and booleans are kept in their JSON
 * spelling, because IAM compares every value as text converted per operator.
 *
 * <p>Design note: the gateway builds a value once per connection or identity and reuses it for every request, so
 * the numeric, date and address forms the operators need are parsed on first use and cached here (a benign race:
 * each thread computes the same immutable array). An unparsable value simply never matches a typed operator.
 */
public final class ContextValue {

    private static final ContextValue TRUE = new ContextValue(new String[] {"true"}, false);
    private static final ContextValue FALSE = new ContextValue(new String[] {"false"}, false);

    private final String[] values;
    private final boolean multiValued;
    private volatile double[] numbers;
    private volatile long[] epochMillis;
    private volatile IpAddr[] addresses;

    private ContextValue(String[] values, boolean multiValued) {
        for (int i = 0; i < values.length; i++) {
            requireNonNull(values[i], "values[" + i + "]");
        }
        this.values = values;
        this.multiValued = multiValued;
    }

    /** A single string. */
    public static ContextValue of(String value) {
        return new ContextValue(new String[] {requireNonNull(value, "value")}, false);
    }

    /** A multi-valued key; may be empty (which {@code ForAllValues} treats like an absent key). */
    public static ContextValue ofAll(List<String> values) {
        return new ContextValue(values.toArray(String[]::new), true);
    }

    /**
     * An IP address (the request's source), in its usual text form, with its typed form for the address operators
     * made from its bytes rather than parsed from that text.
     */
    public static ContextValue ofAddress(java.net.InetAddress address) {
        ContextValue v = new ContextValue(new String[] {address.getHostAddress()}, false);
        v.addresses = new IpAddr[] {IpAddr.of(address.getAddress())};
        return v;
    }

    public static ContextValue of(long value) {
        return new ContextValue(new String[] {Long.toString(value)}, false);
    }

    public static ContextValue of(double value) {
        return new ContextValue(new String[] {Double.toString(value)}, false);
    }

    public static ContextValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** A number in its JSON spelling (kept as written, e.g. {@code 1.50}). */
    public static ContextValue ofNumber(String jsonNumber) {
        return new ContextValue(new String[] {requireNonNull(jsonNumber, "jsonNumber")}, false);
    }

    public int size() {
        return values.length;
    }

    public String get(int i) {
        return values[i];
    }

    /** Whether the key is multi-valued (a set), even when it holds one value or none. */
    public boolean multiValued() {
        return multiValued;
    }

    /** The i-th value as a number, or NaN when it is not one. */
    double number(int i) {
        double[] n = numbers;
        if (n == null) {
            n = new double[values.length];
            for (int j = 0; j < n.length; j++) {
                n[j] = Values.parseNumber(values[j]);
            }
            numbers = n;
        }
        return n[i];
    }

    /** The i-th value as epoch milliseconds, or {@link Long#MIN_VALUE} when it is not a date. */
    long epochMillis(int i) {
        long[] e = epochMillis;
        if (e == null) {
            e = new long[values.length];
            for (int j = 0; j < e.length; j++) {
                e[j] = Values.parseDate(values[j]);
            }
            epochMillis = e;
        }
        return e[i];
    }

    /** The i-th value as an IP address, or null when it is not one. */
    IpAddr address(int i) {
        IpAddr[] a = addresses;
        if (a == null) {
            a = new IpAddr[values.length];
            for (int j = 0; j < a.length; j++) {
                a[j] = IpAddr.parseAddress(values[j]);
            }
            addresses = a;
        }
        return a[i];
    }

    @Override
    public String toString() {
        return multiValued ? java.util.Arrays.toString(values) : values.length == 1 ? values[0] : "[]";
    }
}
