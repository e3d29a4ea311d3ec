package io.portcullis.site.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.Api;
import io.portcullis.config.api.AuthConfig;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.api.RouteConfig;
import io.portcullis.config.api.RouteRequirementsConfig;
import io.portcullis.config.api.Serving;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API's identity requirements, resource policy and limits, and a VPC endpoint's policy, as sentences. This restates what the configuration
 * says (the policy document statement by statement, as written); it evaluates nothing: what a request gets is
 * {@code portcullis explain}'s answer.
 */
final class PlainWords {

    private PlainWords() {}

    static List<String> identity(Api api) {
        Serving s = api.serving();
        AuthConfig auth = s.auth();
        List<String> out = new ArrayList<>();
        auth.jwt().ifPresent(j -> out.add("A bearer token (JWT) signed with " + String.join(" or ", j.algorithms()) + " by issuer "
                + j.issuer() + ", for audience " + String.join(" or ", j.audiences()) + "."));
        auth.bind().ifPresent(b -> {
            List<String> claims = new ArrayList<>();
            b.groupsClaim().ifPresent(c -> claims.add("claim '" + c + "' names a group the calling workload carries"));
            b.accountClaim().ifPresent(c -> claims.add("claim '" + c + "' names the calling workload's account"));
            b.workloadClaim().ifPresent(c -> claims.add("claim '" + c + "' names the calling workload"));
            out.add("The token is honoured only from the network it was issued to: " + String.join("; ", claims) + ".");
        });
        s.tls().ifPresent(t -> out.add("TLS, client certificates: " + t.clientAuth().name().toLowerCase(java.util.Locale.ROOT) + "."));
        auth.principal().ifPresent(p -> out.add("The caller's principal for the resource policy: " + p + "."));
        for (RouteConfig r : s.routes()) {
            RouteRequirementsConfig q = r.requires();
            if (!q.isEmpty()) {
                List<String> needs = new ArrayList<>();
                if (!q.roles().isEmpty()) {
                    needs.add("one of the roles " + q.roles() + " in claim '" + q.rolesClaim() + "'");
                }
                if (!q.scopes().isEmpty()) {
                    needs.add("the scopes " + q.scopes());
                }
                q.window().ifPresent(w -> needs.add("a call within " + w));
                if (!q.countries().isEmpty()) {
                    needs.add("a source located in " + q.countries());
                }
                if (q.notAnonymous()) {
                    needs.add("a source that is not an anonymous network");
                }
                out.add("Route " + r.path() + " " + r.settings().methods().stream().sorted().toList() + " needs " + String.join(", ", needs) + ".");
            }
        }
        if (out.isEmpty()) {
            out.add("No identity is required beyond the network layer: every admitted connection's requests are served.");
        }
        return out;
    }

    static List<String> policy(Api api) {
        return policy(api.serving().resourcePolicy(), "resource policy", "No resource policy: the network layer and identity decide.");
    }

    /**
     * A policy document ({@code what}: "resource policy", "endpoint policy") statement by statement; {@code none}
     * when there is no document.
     */
    static List<String> policy(Optional<PolicySource> policy, String what, String none) {
        if (policy.isEmpty()) {
            return List.of(none);
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(policy.get().json());
        } catch (IOException e) {
            return List.of("The " + what + " could not be read as JSON (validate reports why).");
        }
        List<String> out = new ArrayList<>();
        JsonNode statements = doc.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode st = list.get(i);
            String sid = st.path("Sid").asText("");
            String effect = "Deny".equals(st.path("Effect").asText()) ? "Denies" : "Allows";
            StringBuilder b = new StringBuilder("Statement ").append(i).append(sid.isEmpty() ? "" : " (" + sid + ")").append(": ")
                    .append(effect).append(' ').append(words(st.has("Action") ? st.path("Action") : st.path("NotAction"), "every action"))
                    .append(st.has("NotAction") ? " (all but these)" : "")
                    .append(" on ").append(words(st.has("Resource") ? st.path("Resource") : st.path("NotResource"), "every resource"))
                    .append(" to ").append(principal(st.has("Principal") ? st.path("Principal") : st.path("NotPrincipal")));
            JsonNode cond = st.path("Condition");
            if (cond.isObject() && cond.size() > 0) {
                List<String> parts = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> ops = cond.fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                        Map.Entry<String, JsonNode> k = keys.next();
                        parts.add(k.getKey() + " " + operator(op.getKey()) + " " + words(k.getValue(), "(nothing)"));
                    }
                }
                b.append(", when ").append(String.join(" and ", parts));
            }
            out.add(b.append('.').toString());
        }
        return out;
    }

    static List<String> limits(Limits l) {
        List<String> out = new ArrayList<>();
        out.add("Request head at most " + l.maxHeaderBytes() + " bytes, body at most " + l.maxBodyBytes() + " bytes.");
        out.add("Connections: " + l.maxConnectionsPerSource() + " per source, " + l.maxConnectionsPerGroup() + " per group, "
                + l.maxConnections() + " in all; " + l.maxRequestsInFlightPerSource() + " requests in flight per source; "
                + l.maxUpstreamConnections() + " upstream connections.");
        for (RateLimitSettings r : l.rateLimits()) {
            out.add("Rate limit per " + r.key().toString().toLowerCase(java.util.Locale.ROOT) + ": bursts of " + r.capacity() + ", "
                    + r.refillTokens() + " more every " + r.refillPeriod().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return out;
    }

    private static String principal(JsonNode p) {
        if (p.isMissingNode() || p.isNull()) {
            return "no principal named";
        }
        if (p.isTextual() && "*".equals(p.asText())) {
            return "anyone";
        }
        if (p.isObject()) {
            List<String> parts = new ArrayList<>();
            p.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + words(e.getValue(), "")));
            return String.join(", ", parts);
        }
        return words(p, "anyone");
    }

    private static String operator(String op) {
        String base = op.replace("ForAnyValue:", "").replace("ForAllValues:", "").replace("IfExists", "");
        return switch (base) {
            case "StringEquals", "ArnEquals", "NumericEquals", "DateEquals" -> "is";
            case "StringNotEquals", "ArnNotEquals", "NumericNotEquals", "DateNotEquals" -> "is not";
            case "StringLike", "ArnLike" -> "matches";
            case "StringNotLike", "ArnNotLike" -> "does not match";
            case "IpAddress" -> "is in";
            case "NotIpAddress" -> "is not in";
            case "Bool" -> "is";
            default -> op;
        } + (op.endsWith("IfExists") ? " (if present)" : "");
    }

    private static String words(JsonNode v, String missing) {
        if (v.isMissingNode() || v.isNull()) {
            return missing;
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(x.asText()));
            return items.size() == 1 ? items.get(0) : "one of " + String.join(", ", items);
        }
        return v.asText();
    }
}
