package io.portcullis.policy;

import java.util.List;

/**
 * A statement's {@code Resource} or {@code NotResource}: ARN patterns (see {@link ArnPattern}), {@code "*"}, and API
 * Gateway's shorthand {@code execute-api:/...}, expanded against the {@link ApiBinding} at compile time exactly as
 * API Gateway expands it when the policy is saved.
 */
final class ResourceMatcher {

    static final String SHORTHAND = "execute-api:/";

    private final ArnPattern[] patterns;
    private final boolean not;

    private ResourceMatcher(ArnPattern[] patterns, boolean not) {
        this.patterns = patterns;
        this.not = not;
    }

    /** Checks one value's syntax; throws IllegalArgumentException saying what was expected. */
    static void validate(String raw, boolean variables) {
        if (raw.startsWith(SHORTHAND)) {
            ArnPattern.parse(new ApiBinding("aws", "r", "000000000000", "api").expand(raw.substring(SHORTHAND.length())), variables);
        } else {
            ArnPattern.parse(raw, variables);
        }
    }

    static ResourceMatcher compile(List<String> raw, boolean not, boolean variables, ApiBinding api) {
        ArnPattern[] p = new ArnPattern[raw.size()];
        for (int i = 0; i < p.length; i++) {
            String r = raw.get(i);
            if (r.startsWith(SHORTHAND)) {
                if (api == null) {
                    throw new IllegalArgumentException("resource '" + r
                            + "' uses the execute-api shorthand (expected: the API's ARN to expand it against)");
                }
                r = api.expand(r.substring(SHORTHAND.length()));
            }
            p[i] = ArnPattern.parse(r, variables);
        }
        return new ResourceMatcher(p, not);
    }

    boolean matches(RequestContext ctx) {
        String resource = ctx.resource();
        for (ArnPattern p : patterns) {
            if (p.matches(resource, ctx)) {
                return !not;
            }
        }
        return not;
    }
}
