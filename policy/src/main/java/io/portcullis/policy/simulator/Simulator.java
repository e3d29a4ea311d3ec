package io.portcullis.policy.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.policy.ApiBinding;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.PolicyResult;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.SimpleRequestContext;
import io.portcullis.policy.StatementRef;
import io.portcullis.policy.StatementTrace;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates simulator requests against policies and renders results as JSON:
 * {@code {"decision": "Allow"|"ExplicitDeny"|"ImplicitDeny", "decidedBy": "...", "decisive": [...], "statements": [...]}}.
 * The API for the {@code execute-api:/} shorthand is taken from the request's resource ARN when it is an
 * execute-api ARN (the policies are that API's resource policies).
 */
public final class Simulator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Simulator() {}

    /** Evaluates one request (already parsed) against validated documents. */
    public static PolicyResult evaluate(List<PolicyDocument> documents, SimpleRequestContext request) {
        ApiBinding api = null;
        if (request.resource().startsWith("arn:") && request.resource().contains(":execute-api:")) {
            api = ApiBinding.fromArn(request.resource());
        }
        return PolicySet.compile(documents, api).evaluate(request);
    }

    public static ObjectNode toJson(PolicyResult r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("decision", r.outcome().json());
        out.put("decidedBy", r.toDecision().decidedBy());
        ArrayNode decisive = out.putArray("decisive");
        r.decisive().forEach(s -> decisive.add(s.toString()));
        ArrayNode statements = out.putArray("statements");
        for (StatementTrace t : r.trace()) {
            ObjectNode s = statements.addObject();
            StatementRef ref = t.ref();
            s.put("policy", ref.policy());
            s.put("statement", ref.statement());
            if (ref.sid() != null) {
                s.put("sid", ref.sid());
            }
            s.put("effect", t.effect().json());
            s.put("applies", t.applied());
            if (!t.applied()) {
                s.put("failed", t.failed().name());
            }
            s.put("why", t.detail());
        }
        return out;
    }

    /**
     * One batch line {@code {"policies": [POLICY, ...], "request": {...}}} to one result line; an invalid line gives
     * {@code {"error": "..."}}.
     */
    public static String batchLine(String line) {
        try {
            JsonNode in = JSON.readTree(line);
            if (in == null || !in.isObject() || !in.path("policies").isArray()) {
                return error("expected {\"policies\": [POLICY, ...], \"request\": {...}}");
            }
            List<PolicyDocument> docs = new ArrayList<>();
            JsonNode policies = in.get("policies");
            for (int i = 0; i < policies.size(); i++) {
                ParseResult p = PolicyParser.parse(JSON.writeValueAsString(policies.get(i)));
                if (p instanceof ParseResult.Invalid bad) {
                    return error("/policies/" + i + bad.errors().get(0).pointer() + ": " + bad.errors().get(0).message());
                }
                docs.add(p.orThrow());
            }
            SimpleRequestContext request;
            try {
                request = SimulationRequest.parse(in.get("request"));
            } catch (IllegalArgumentException e) {
                return error("/request" + e.getMessage());
            }
            return JSON.writeValueAsString(toJson(evaluate(docs, request)));
        } catch (JsonProcessingException e) {
            return error("invalid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private static String error(String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", message);
        return e.toString();
    }

    /** Reads a JSON document (for the CLI's {@code --request}). */
    public static JsonNode readJson(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }
}
