package io.portcullis.policy.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.policy.ContextValue;
import io.portcullis.policy.Principal;
import io.portcullis.policy.SimpleRequestContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a simulator request: {@code {"principal": "arn:..." | "*" | {"AWS": "arn:..."}, "action": "...",
 * "resource": "arn:...", "context": {"key": string | number | boolean | [strings...]}}}. Invalid input throws
 * {@link IllegalArgumentException} naming the JSON pointer and what was expected.
 */
public final class SimulationRequest {

    private SimulationRequest() {}

    public static SimpleRequestContext parse(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("/: expected a request object {\"principal\", \"action\", \"resource\", \"context\"}");
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("principal", "action", "resource", "context").contains(f)) {
                throw new IllegalArgumentException("/" + f + ": unknown field (expected: principal, action, resource, context)");
            }
        }
        SimpleRequestContext.Builder b = SimpleRequestContext.builder(principal(request.get("principal")),
                text(request, "action"), text(request, "resource"));
        JsonNode context = request.get("context");
        if (context != null && !context.isNull()) {
            if (!context.isObject()) {
                throw new IllegalArgumentException("/context: expected an object of condition keys");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "/context/" + e.getKey().replace("~", "~0").replace("/", "~1");
                try {
                    b.put(e.getKey(), value(e.getValue(), at));
                } catch (IllegalArgumentException ex) {
                    throw ex.getMessage().startsWith("/") ? ex : new IllegalArgumentException(at + ": " + ex.getMessage());
                }
            }
        }
        return b.build();
    }

    private static Principal principal(JsonNode p) {
        if (p == null || p.isNull() || (p.isTextual() && p.asText().equals("*"))) {
            return Principal.anonymous();
        }
        if (p.isTextual()) {
            return Principal.aws(p.asText());
        }
        if (p.isObject() && p.size() == 1) {
            Map.Entry<String, JsonNode> e = p.fields().next();
            if (e.getValue().isTextual()) {
                Principal.Type type = switch (e.getKey()) {
                    case "AWS" -> Principal.Type.AWS;
                    case "Service" -> Principal.Type.SERVICE;
                    case "Federated" -> Principal.Type.FEDERATED;
                    case "CanonicalUser" -> Principal.Type.CANONICAL_USER;
                    default -> null;
                };
                if (type != null) {
                    return e.getValue().asText().equals("*") ? Principal.anonymous() : Principal.of(type, e.getValue().asText());
                }
            }
        }
        throw new IllegalArgumentException("/principal: expected \"*\", an ARN, or one of {\"AWS\"|\"Service\"|\"Federated\"|\"CanonicalUser\": \"...\"}");
    }

    private static String text(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("/" + field + ": expected a string");
        }
        return n.asText();
    }

    private static ContextValue value(JsonNode v, String at) {
        if (v.isTextual()) {
            return ContextValue.of(v.asText());
        }
        if (v.isBoolean()) {
            return ContextValue.of(v.asBoolean());
        }
        if (v.isNumber()) {
            return ContextValue.ofNumber(v.asText());
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode x = v.get(i);
                if (!x.isValueNode() || x.isNull()) {
                    throw new IllegalArgumentException(at + "/" + i + ": expected a string, number or boolean");
                }
                items.add(x.asText());
            }
            return ContextValue.ofAll(items);
        }
        throw new IllegalArgumentException(at + ": expected a string, number, boolean or array");
    }
}
