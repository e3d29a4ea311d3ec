package io.portcullis.runtime.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code auth.principal}: an ARN with {@code {claim}} placeholders, such as {@code arn:aws:iam::{account}:role/{sub}},
 * compiled once into literal and claim parts. Rendering fails (null) when a claim is absent or is not a plain
 * string or number, or when its value contains characters that could forge another ARN ({@code :}, {@code *},
 * {@code ?}, whitespace).
 */
final class PrincipalTemplate {

    private final String[] literals;
    private final String[] claims;
    private final String source;

    private PrincipalTemplate(String source, String[] literals, String[] claims) {
        this.source = source;
        this.literals = literals;
        this.claims = claims;
    }

    /** @throws IllegalArgumentException for an unbalanced or empty placeholder */
    static PrincipalTemplate compile(String template) {
        List<String> literals = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                literals.add(template.substring(i));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0 || close == open + 1 || template.substring(open + 1, close).indexOf('{') >= 0) {
                throw new IllegalArgumentException("'" + template + "' has an unbalanced or empty placeholder at "
                        + open + " (expected: {claim} placeholders such as {sub})");
            }
            literals.add(template.substring(i, open));
            claims.add(template.substring(open + 1, close));
            i = close + 1;
        }
        if (literals.stream().anyMatch(l -> l.indexOf('}') >= 0)) {
            throw new IllegalArgumentException("'" + template + "' has a '}' without '{' (expected: {claim} placeholders such as {sub})");
        }
        return new PrincipalTemplate(template, literals.toArray(String[]::new), claims.toArray(String[]::new));
    }

    /** The ARN for these claims, or null when a placeholder cannot be filled safely. */
    String render(Function<String, Object> claim) {
        StringBuilder sb = new StringBuilder(source.length() + 32);
        for (int i = 0; i < claims.length; i++) {
            sb.append(literals[i]);
            Object v = claim.apply(claims[i]);
            String s = v instanceof String str ? str : v instanceof Number n ? n.toString() : null;
            if (s == null || s.isEmpty() || !safe(s)) {
                return null;
            }
            sb.append(s);
        }
        return sb.append(literals[claims.length]).toString();
    }

    List<String> placeholders() {
        return List.of(claims);
    }

    private static boolean safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == ':' || c == '*' || c == '?' || c > '~') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
