package io.portcullis.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy value that may hold policy variables: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}}
 * and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}} (a literal {@code *}, {@code ?}, {@code $}). Under
 * {@code 2008-10-17} (or no {@code Version}) the text is taken literally.
 *
 * <p>A value without variables is resolved once at compile time. A variable resolves to its key's single value in
 * the request; a key that is absent or multi-valued resolves to the default, and without a default the whole
 * policy value is unresolvable and matches nothing (IAM: "does not match"). Substituted text is always literal:
 * a {@code *} in a tag value is not a wildcard.
 */
final class Template {

    private sealed interface Part permits Lit, Var {}

    private record Lit(int[] tokens) implements Part {}

    private record Var(ContextKey key, String defaultValue) implements Part {}

    private final List<Part> parts;
    private final int[] staticTokens;

    private Template(List<Part> parts) {
        this.parts = parts;
        this.staticTokens = parts.stream().allMatch(p -> p instanceof Lit) ? concat(parts, null) : null;
    }

    static Template parse(String raw, boolean variables) {
        List<Part> parts = new ArrayList<>();
        List<Integer> lit = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (variables && c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                int end = raw.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated policy variable at '" + raw.substring(i)
                            + "' (expected: ${key} or ${key, 'default'})");
                }
                String body = raw.substring(i + 2, end);
                if (body.equals("*") || body.equals("?") || body.equals("$")) {
                    lit.add((int) body.charAt(0));
                } else {
                    flush(lit, parts);
                    parts.add(variable(body));
                }
                i = end + 1;
                continue;
            }
            lit.add(c == '*' ? Glob.STAR : c == '?' ? Glob.ONE : (int) c);
            i++;
        }
        flush(lit, parts);
        return new Template(parts);
    }

    private static Var variable(String body) {
        int comma = body.indexOf(',');
        String name = (comma < 0 ? body : body.substring(0, comma)).strip();
        String def = null;
        if (comma >= 0) {
            String d = body.substring(comma + 1).strip();
            if (d.length() < 2 || d.charAt(0) != '\'' || d.charAt(d.length() - 1) != '\'') {
                throw new IllegalArgumentException("policy variable default: " + d + " (expected: a value in single quotes, e.g. ${"
                        + name + ", 'none'})");
            }
            def = d.substring(1, d.length() - 1).replace("''", "'");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty policy variable ${" + body + "} (expected: ${key})");
        }
        return new Var(ContextKey.of(name), def);
    }

    private static void flush(List<Integer> lit, List<Part> parts) {
        if (!lit.isEmpty()) {
            parts.add(new Lit(lit.stream().mapToInt(Integer::intValue).toArray()));
            lit.clear();
        }
    }

    boolean hasVariables() {
        return staticTokens == null;
    }

    /** The tokens of a value without variables (for wildcard operators). */
    int[] tokens() {
        return staticTokens;
    }

    /** The text of a value without variables (for exact operators: wildcards are plain characters). */
    String text() {
        return text(staticTokens);
    }

    /** The tokens with variables substituted, or null when a variable has no value and no default. */
    int[] resolveTokens(RequestContext ctx) {
        return staticTokens != null ? staticTokens : concat(parts, ctx);
    }

    /** The text with variables substituted, or null when unresolvable. */
    String resolveText(RequestContext ctx) {
        int[] t = resolveTokens(ctx);
        return t == null ? null : text(t);
    }

    private static int[] concat(List<Part> parts, RequestContext ctx) {
        int n = 0;
        String[] values = new String[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Lit l) {
                n += l.tokens().length;
            } else {
                Var v = (Var) parts.get(i);
                ContextValue cv = ctx == null ? null : ctx.value(v.key());
                String s = cv != null && !cv.multiValued() && cv.size() == 1 ? cv.get(0) : v.defaultValue();
                if (s == null) {
                    return null;
                }
                values[i] = s;
                n += s.length();
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Lit l) {
                System.arraycopy(l.tokens(), 0, out, k, l.tokens().length);
                k += l.tokens().length;
            } else {
                for (int j = 0; j < values[i].length(); j++) {
                    out[k++] = values[i].charAt(j);
                }
            }
        }
        return out;
    }

    private static String text(int[] tokens) {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int t : tokens) {
            sb.append(t == Glob.STAR ? '*' : t == Glob.ONE ? '?' : (char) t);
        }
        return sb.toString();
    }
}
