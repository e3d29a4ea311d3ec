package io.portcullis.runtime.auth;

import io.portcullis.policy.ConditionSpec;
import io.portcullis.policy.ContextKey;
import io.portcullis.policy.Effect;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code validate} warns about in an API's parsed resource policy: a condition on a key no request carries
 * (a typo such as {@code aws:SourceVcp}, a token claim on an API that verifies no token), which is then always
 * true or always false; a VPC, endpoint, account, group or workload id that appears nowhere in the configuration,
 * which no request can carry; and a policy that does not restrict where callers come from ({@link SourceRestriction};
 * a misspelled source key does not count as restricting it, and the warning then names it instead of claiming the
 * API admits every caller). Each finding starts with its configuration path: the condition's operator under an
 * inline policy, or the policy's {@code resourcePolicy} with the file and JSON pointer.
 */
final class PolicyWarnings {

    private static final List<String> SOURCE_KEYS = List.of("aws:SourceVpc", "aws:SourceVpce");

    private final String at;
    private final String origin;
    private final boolean tokens;
    private final ConfigIds ids;

    /**
     * @param at     the policy's configuration path ({@code apis[0].resourcePolicy})
     * @param origin the file the policy was read from, or "" for an inline one
     * @param tokens whether the API verifies tokens (only then do requests carry {@code jwt:} claims)
     */
    PolicyWarnings(String at, String origin, boolean tokens, ConfigIds ids) {
        this.at = at;
        this.origin = origin;
        this.tokens = tokens;
        this.ids = ids;
    }

    List<String> of(PolicyDocument document, String api) {
        List<String> out = new ArrayList<>();
        List<String> misspelledSource = new ArrayList<>();
        for (Statement statement : document.statements()) {
            for (ConditionSpec condition : statement.conditions()) {
                ContextKey key = ContextKey.of(condition.key());
                String where = where(statement, condition);
                if (!RequestContextView.carries(key, tokens)) {
                    String suggestion = suggestion(condition.key());
                    out.add(where + condition.key() + ": " + absent(key, suggestion) + ": " + effect(statement, condition)
                            + " (expected: a key the gateway supplies, listed in docs/policy.md)");
                    if (suggestion != null && SOURCE_KEYS.contains(suggestion)) {
                        misspelledSource.add(condition.key() + " (Statement[" + statement.index() + "])");
                    }
                } else {
                    unknownIds(key, condition).forEach(w -> out.add(where + w));
                }
            }
        }
        if (!SourceRestriction.conditionsOnSource(document)) {
            out.add(at + ": no statement conditions on aws:SourceVpc or aws:SourceVpce: " + (misspelledSource.isEmpty()
                    ? SourceRestriction.unrestricted(api) : SourceRestriction.misspelled(misspelledSource)));
        }
        return out;
    }

    /** The path (and for a policy file, the file and pointer) of a condition's operator, ending in ": ". */
    private String where(Statement statement, ConditionSpec condition) {
        String pointer = "/Statement/" + statement.index() + "/Condition/" + condition.operator();
        return origin.isEmpty() ? at + Authorizers.configPath(pointer) + ": " : at + ": " + origin + " " + pointer + ": ";
    }

    /** Why no request carries {@code key}. */
    private static String absent(ContextKey key, String suggestion) {
        return switch (key.family()) {
            case JWT -> "no request carries a token claim, since this API verifies no token (no auth.jwt)";
            case PRINCIPAL_TAG -> "no request carries principal tags (the gateway supplies none)";
            case WELL_KNOWN -> "the gateway does not supply this key, so no request carries it";
            case OTHER -> "no request carries this condition key" + (suggestion == null ? "" : " (did you mean " + suggestion + "?)");
        };
    }

    /** What a condition on an absent key does to its statement. */
    private static String effect(Statement statement, ConditionSpec condition) {
        boolean holds = condition.holdsWhenKeyAbsent();
        String what = condition.operator() + " on an absent key is " + holds + ", so ";
        if (statement.effect() == Effect.DENY) {
            return what + (holds ? "this Deny applies to every request its principal, action, resource and other "
                    + "conditions match" : "this Deny never applies");
        }
        return what + (holds ? "the condition restricts nothing" : "this Allow never applies");
    }

    /** The condition's values that name an id the configuration does not declare, for keys that carry ids. */
    private List<String> unknownIds(ContextKey key, ConditionSpec condition) {
        String what;
        Set<String> known;
        switch (key.id()) {
            case ContextKey.SOURCE_VPC -> { what = "a VPC declared under vpcs"; known = ids.vpcs(); }
            case ContextKey.SOURCE_VPCE -> { what = "a VPC endpoint declared under vpcEndpoints"; known = ids.endpoints(); }
            case ContextKey.PRINCIPAL_ACCOUNT -> { what = "an account declared under accounts"; known = ids.accounts(); }
            case ContextKey.SOURCE_SECURITY_GROUPS -> { what = "a group declared under securityGroups"; known = ids.groups(); }
            case ContextKey.SOURCE_WORKLOAD -> { what = "a workload declared under workloads"; known = ids.workloads(); }
            default -> { return List.of(); }
        }
        if (!condition.operator().contains("String")) {
            return List.of();
        }
        boolean ignoreCase = condition.operator().contains("IgnoreCase");
        List<String> out = new ArrayList<>();
        for (String value : condition.values()) {
            // A pattern or a policy variable names no single id.
            if (value.contains("*") || value.contains("?") || value.contains("${")
                    || known.stream().anyMatch(id -> ignoreCase ? id.equalsIgnoreCase(value) : id.equals(value))) {
                continue;
            }
            String close = nearest(value, known);
            out.add(condition.key() + ": '" + value + "' appears nowhere in the configuration, so no request carries it "
                    + "(expected: " + what + (close != null ? "; did you mean " + close + "?"
                    : known.isEmpty() ? ", and there is none" : ", such as " + known.stream().sorted().limit(3)
                            .reduce((a, b) -> a + ", " + b).orElseThrow()) + ")");
        }
        return out;
    }

    /** The supplied key {@code key} is probably a misspelling of, or null. */
    static String suggestion(String key) {
        return nearest(key, ContextKey.wellKnownNames().stream().filter(n -> RequestContextView.carries(ContextKey.of(n), true)).toList());
    }

    /** The candidate within two edits of {@code word} (ignoring case), the closest (then the first in order); or null. */
    private static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : new TreeSet<>(candidates)) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, with a transposition counting as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
