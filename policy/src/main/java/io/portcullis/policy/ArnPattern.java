package io.portcullis.policy;

import java.util.Arrays;

/**
 * An ARN pattern matched segment by segment, as IAM matches {@code Resource} and the {@code Arn*} operators:
 * {@code arn:partition:service:region:account:resource}, each of the first five segments a wildcard pattern that
 * cannot cross a colon, the sixth (the resource, which may itself hold colons and slashes) a pattern over the
 * rest. A lone {@code *} matches anything, including text that is not an ARN.
 *
 * <p>Design note (hot path): a pattern without variables is split into six {@link Glob}s at compile time; a request
 * ARN is matched in place by locating its first five colons, with no copying. A pattern with variables is
 * substituted and split per request (allocating), and matches nothing when a variable is unresolvable.
 */
final class ArnPattern {

    private static final int SEGMENTS = 6;

    private final Template template;
    private final Glob[] segments;
    private final boolean any;

    private ArnPattern(Template template, Glob[] segments, boolean any) {
        this.template = template;
        this.segments = segments;
        this.any = any;
    }

    /** Compiles {@code raw}; throws IllegalArgumentException naming what was expected when it is not an ARN. */
    static ArnPattern parse(String raw, boolean variables) {
        Template t = Template.parse(raw, variables);
        if (!t.hasVariables()) {
            int[] tokens = t.tokens();
            if (tokens.length == 1 && tokens[0] == Glob.STAR) {
                return new ArnPattern(t, null, true);
            }
            Glob[] g = split(tokens);
            if (g == null) {
                throw new IllegalArgumentException(invalid(raw));
            }
            return new ArnPattern(t, g, false);
        }
        if (!raw.startsWith("arn:") || raw.chars().filter(c -> c == ':').count() < SEGMENTS - 1) {
            throw new IllegalArgumentException(invalid(raw));
        }
        return new ArnPattern(t, null, false);
    }

    static String invalid(String raw) {
        return "'" + raw + "' (expected: an ARN arn:partition:service:region:account:resource, or *)";
    }

    boolean matches(String arn, RequestContext ctx) {
        if (any) {
            return true;
        }
        Glob[] g = segments;
        if (g == null) {
            int[] tokens = template.resolveTokens(ctx);
            g = tokens == null ? null : split(tokens);
            if (g == null) {
                return false;
            }
        }
        int start = 0;
        for (int i = 0; i < SEGMENTS - 1; i++) {
            int colon = arn.indexOf(':', start);
            if (colon < 0 || !g[i].matches(arn, start, colon)) {
                return false;
            }
            start = colon + 1;
        }
        return g[SEGMENTS - 1].matches(arn, start, arn.length());
    }

    /** Splits tokens at the first five literal colons; null unless it starts with {@code arn:} and has six parts. */
    private static Glob[] split(int[] tokens) {
        if (tokens.length < 4 || tokens[0] != 'a' || tokens[1] != 'r' || tokens[2] != 'n' || tokens[3] != ':') {
            return null;
        }
        Glob[] g = new Glob[SEGMENTS];
        int start = 0;
        int seg = 0;
        for (int i = 0; i < tokens.length && seg < SEGMENTS - 1; i++) {
            if (tokens[i] == ':') {
                g[seg++] = Glob.of(Arrays.copyOfRange(tokens, start, i), false);
                start = i + 1;
            }
        }
        if (seg < SEGMENTS - 1) {
            return null;
        }
        g[SEGMENTS - 1] = Glob.of(Arrays.copyOfRange(tokens, start, tokens.length), false);
        return g;
    }

    @Override
    public String toString() {
        return any ? "*" : template.hasVariables() ? "(templated ARN)" : template.text();
    }
}
