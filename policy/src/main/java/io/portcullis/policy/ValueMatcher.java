package io.portcullis.policy;

import java.util.Arrays;
import java.util.List;

/**
 * Whether one request value matches any of a condition's policy values (the values are OR). Built once per
 * condition by {@link #compile}; the typed forms (numbers, dates, CIDR blocks, ARN patterns) are parsed there,
 * never on the evaluation path.
 */
interface ValueMatcher {

    /** Whether request value {@code i} of {@code v} matches at least one policy value. */
    boolean matches(ContextValue v, int i, RequestContext ctx);

    /** Compiles {@code raw} for {@code op}; throws IllegalArgumentException naming the first bad value. */
    static ValueMatcher compile(Operator op, List<String> raw, boolean variables) {
        return switch (op.family()) {
            case STRING_EQUALS -> strings(raw, variables, false);
            case STRING_EQUALS_IGNORE_CASE -> strings(raw, variables, true);
            case STRING_LIKE -> {
                Template[] t = raw.stream().map(s -> Template.parse(s, variables)).toArray(Template[]::new);
                Glob[] g = Arrays.stream(t).map(x -> x.hasVariables() ? null : Glob.of(x.tokens(), false)).toArray(Glob[]::new);
                yield (v, i, ctx) -> {
                    String s = v.get(i);
                    for (int k = 0; k < g.length; k++) {
                        Glob glob = g[k];
                        if (glob == null) {
                            int[] tokens = t[k].resolveTokens(ctx);
                            glob = tokens == null ? null : Glob.of(tokens, false);
                        }
                        if (glob != null && glob.matches(s)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case NUMERIC_EQUALS, NUMERIC_LT, NUMERIC_LTE, NUMERIC_GT, NUMERIC_GTE -> {
                double[] want = raw.stream().mapToDouble(s -> {
                    double d = Values.parseNumber(s);
                    if (Double.isNaN(d)) {
                        throw new IllegalArgumentException(op.name() + ": '" + s + "' (expected: a number)");
                    }
                    return d;
                }).toArray();
                Operator.Family f = op.family();
                yield (v, i, ctx) -> {
                    double x = v.number(i);
                    for (double w : want) {
                        if (compare(f, Double.compare(x, w)) && !Double.isNaN(x)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case DATE_EQUALS, DATE_LT, DATE_LTE, DATE_GT, DATE_GTE -> {
                long[] want = raw.stream().mapToLong(s -> {
                    long d = Values.parseDate(s);
                    if (d == Long.MIN_VALUE) {
                        throw new IllegalArgumentException(op.name() + ": '" + s
                                + "' (expected: an ISO 8601 date such as 2026-01-01T00:00:00Z, or epoch seconds)");
                    }
                    return d;
                }).toArray();
                Operator.Family f = op.family();
                yield (v, i, ctx) -> {
                    long x = v.epochMillis(i);
                    if (x == Long.MIN_VALUE) {
                        return false;
                    }
                    for (long w : want) {
                        if (compare(f, Long.compare(x, w))) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case BOOL -> {
                for (String s : raw) {
                    if (!Values.isBoolean(s)) {
                        throw new IllegalArgumentException(op.name() + ": '" + s + "' (expected: true or false)");
                    }
                }
                String[] want = raw.toArray(String[]::new);
                yield (v, i, ctx) -> {
                    String s = v.get(i);
                    for (String w : want) {
                        if (w.equalsIgnoreCase(s)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case BINARY_EQUALS -> {
                byte[][] want = raw.stream().map(s -> {
                    byte[] b = Values.parseBase64(s);
                    if (b == null) {
                        throw new IllegalArgumentException(op.name() + ": '" + s + "' (expected: base64-encoded bytes)");
                    }
                    return b;
                }).toArray(byte[][]::new);
                yield (v, i, ctx) -> {
                    byte[] got = Values.parseBase64(v.get(i));
                    for (byte[] w : want) {
                        if (got != null && Arrays.equals(w, got)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case IP_ADDRESS -> {
                IpAddr[] blocks = raw.stream().map(s -> {
                    try {
                        return IpAddr.parseBlock(s);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(op.name() + ": " + e.getMessage());
                    }
                }).toArray(IpAddr[]::new);
                yield (v, i, ctx) -> {
                    IpAddr a = v.address(i);
                    for (IpAddr b : blocks) {
                        if (b.contains(a)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case ARN_EQUALS, ARN_LIKE -> {
                ArnPattern[] p = raw.stream().map(s -> {
                    try {
                        return ArnPattern.parse(s, variables);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(op.name() + ": " + e.getMessage());
                    }
                }).toArray(ArnPattern[]::new);
                yield (v, i, ctx) -> {
                    String s = v.get(i);
                    for (ArnPattern x : p) {
                        if (x.matches(s, ctx)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case NULL -> throw new IllegalStateException("Null is decided by presence, not by values");
        };
    }

    private static boolean compare(Operator.Family f, int cmp) {
        return switch (f) {
            case NUMERIC_EQUALS, DATE_EQUALS -> cmp == 0;
            case NUMERIC_LT, DATE_LT -> cmp < 0;
            case NUMERIC_LTE, DATE_LTE -> cmp <= 0;
            case NUMERIC_GT, DATE_GT -> cmp > 0;
            case NUMERIC_GTE, DATE_GTE -> cmp >= 0;
            default -> false;
        };
    }

    private static ValueMatcher strings(List<String> raw, boolean variables, boolean ignoreCase) {
        Template[] t = raw.stream().map(s -> Template.parse(s, variables)).toArray(Template[]::new);
        String[] fixed = Arrays.stream(t).map(x -> x.hasVariables() ? null : x.text()).toArray(String[]::new);
        return (v, i, ctx) -> {
            String s = v.get(i);
            for (int k = 0; k < fixed.length; k++) {
                String w = fixed[k] != null ? fixed[k] : t[k].resolveText(ctx);
                if (w != null && (ignoreCase ? w.equalsIgnoreCase(s) : w.equals(s))) {
                    return true;
                }
            }
            return false;
        };
    }
}
