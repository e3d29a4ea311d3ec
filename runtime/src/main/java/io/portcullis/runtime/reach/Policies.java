package io.portcullis.runtime.reach;

import io.portcullis.config.AwsApi;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.api.PolicySource;
import io.portcullis.decision.Decision;
import io.portcullis.policy.ApiBinding;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyParser;
import io.portcullis.runtime.auth.SourceRestriction;
import io.portcullis.policy.PolicySet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The estate's policies, parsed and compiled once by the policy module ({@link PolicyParser},
 * {@link PolicySet#compile}): endpoint policies shared by their text, resource policies bound to their API (for
 * the {@code execute-api:/} shorthand). A document that cannot be compiled is kept with its error and treated as
 * denying everything (fail closed); {@code validate} reports it where it was written.
 */
final class Policies {

    /**
     * A compiled document: {@code set} null when {@code error} says why it could not be compiled;
     * {@code testsEndpoint} when a condition reads {@code aws:SourceVpc} or {@code aws:SourceVpce} (its verdicts
     * then depend on the endpoint and cannot be shared between endpoints).
     */
    record Compiled(PolicyDocument document, PolicySet set, boolean testsEndpoint, String error) {

        /** The decision for one request; a document that did not compile denies. */
        Decision decide(InvokeRequest request) {
            return set == null ? Decision.deny(io.portcullis.policy.PolicyResult.IMPLICIT_DENY, "", error) : set.decide(request);
        }
    }

    private final Map<String, Compiled> endpoints = new HashMap<>();

    /** The endpoint's policy, or null when none is attached (AWS's default: full access). */
    Compiled endpoint(VpcEndpoint e) {
        return e.policy().map(p -> endpoints.computeIfAbsent(p.json(), json -> compile(json, null))).orElse(null);
    }

    /** The API's resource policy, bound to the API. */
    Compiled resource(AwsApi api, PolicySource p) {
        return compile(p.json(), new ApiBinding("aws", api.region(), api.account(), api.id()));
    }

    private static Compiled compile(String json, ApiBinding binding) {
        ParseResult parsed = PolicyParser.parse(json);
        if (parsed instanceof ParseResult.Invalid invalid) {
            return new Compiled(null, null, false, invalid.errors().toString());
        }
        PolicyDocument doc = parsed.orThrow();
        try {
            return new Compiled(doc, PolicySet.compile(List.of(doc), binding),
                    SourceRestriction.conditionsOnSource(doc), null);
        } catch (IllegalArgumentException e) {
            return new Compiled(doc, null, false, e.getMessage());
        }
    }

    /** {@code Statement[1] (Sid DenyNotFromVPC)}: the deciding statement of a one-document set. */
    static String statement(Decision d) {
        String by = d.decidedBy();
        return by.startsWith("policy[0] ") ? by.substring("policy[0] ".length()) : by;
    }
}
