package io.portcullis.runtime.auth;

import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.api.PolicySource;
import io.portcullis.policy.ConditionSpec;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyError;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code validate} checks of each API's auth and resource policy without starting anything (no key is
 * fetched): every policy parses and validates, principal templates compile, and a warning for each API whose
 * resource policy does not restrict the source VPC or VPC endpoint.
 */
public final class AuthChecks {

    /** Errors and warnings, each prefixed with its configuration path. */
    public record Findings(List<String> errors, List<String> warnings) {}

    private AuthChecks() {}

    public static Findings check(PortcullisConfig config) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < config.apis().size(); i++) {
            Api api = config.apis().get(i);
            String at = "apis[" + i + "]";
            api.serving().auth().principal().ifPresent(t -> {
                try {
                    PrincipalTemplate.compile(t);
                } catch (IllegalArgumentException e) {
                    errors.add(at + ".auth.principal: " + e.getMessage());
                }
            });
            PolicyDocument document = null;
            if (api.serving().resourcePolicy().isPresent()) {
                PolicySource p = api.serving().resourcePolicy().get();
                ParseResult parsed = PolicyParser.parse(p.json());
                if (parsed instanceof ParseResult.Invalid invalid) {
                    for (PolicyError e : invalid.errors()) {
                        errors.add(at + ".resourcePolicy: " + p.origin() + ":" + e);
                    }
                    continue;
                }
                document = parsed.orThrow();
            }
            if (document == null || !conditionsOnSource(document)) {
                warnings.add(at + ".resourcePolicy: " + (api.serving().resourcePolicy().isEmpty() ? "missing" : "no statement conditions on "
                        + "aws:SourceVpc or aws:SourceVpce") + ": " + api.name() + " admits every caller its security groups let in, from "
                        + "any VPC endpoint (expected: a Deny unless aws:SourceVpc or aws:SourceVpce is one you trust, the "
                        + "restriction whose absence exposes AWS private APIs)");
            }
        }
        return new Findings(errors, warnings);
    }

    /**
     * Whether the policy says anything about where callers come from: some statement has a condition on
     * {@code aws:SourceVpc} or {@code aws:SourceVpce} (keys ignore case, as in AWS). Without one, a private API is
     * open to every VPC endpoint that can reach it, the AWS failure this warning exists for. This is the cheap
     * check {@code validate} can make; it does not prove that every Allow is covered.
     */
    static boolean conditionsOnSource(PolicyDocument document) {
        for (Statement statement : document.statements()) {
            for (ConditionSpec condition : statement.conditions()) {
                if (condition.key().equalsIgnoreCase("aws:SourceVpc") || condition.key().equalsIgnoreCase("aws:SourceVpce")) {
                    return true;
                }
            }
        }
        return false;
    }
}
