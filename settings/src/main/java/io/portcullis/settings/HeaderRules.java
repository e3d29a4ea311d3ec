package io.portcullis.settings;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An API's header rules ({@code apis[].headers}): the verified identity passed to the upstream in headers the
 * client cannot forge ({@code identity}: a client's copy of any of these headers is removed, whether or not the
 * request has a value for it), and fixed rules for the request to the upstream and the response to the client
 * ({@code remove}, then {@code set}).
 *
 * <p>Framing and forwarding headers belong to the gateway and cannot be named: {@code Host},
 * {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection} and the other hop-by-hop headers,
 * {@code Forwarded}, {@code X-Forwarded-*} and {@code X-Request-Id}.
 *
 * @param identity which fact of the verified identity goes in which header
 * @param requestRemove headers removed from the request before it goes upstream
 * @param requestSet headers set on the request (after removal), replacing the client's
 * @param responseRemove headers removed from the upstream's response
 * @param responseSet headers set on the response, replacing the upstream's
 */
public record HeaderRules(Map<IdentityField, String> identity, List<String> requestRemove,
                          Map<String, String> requestSet, List<String> responseRemove,
                          Map<String, String> responseSet) {

    /** A fact of the verified identity. */
    public enum IdentityField {
        /** The principal the authorizer established (an ARN, or a certificate's identity). */
        PRINCIPAL,
        /** The token's subject. */
        SUBJECT,
        /** The token's issuer. */
        ISSUER,
        /** The source's account. */
        ACCOUNT,
        /** The source's workload. */
        WORKLOAD,
        /** The source's effective security groups, comma-separated. */
        GROUPS,
        /** The digest of the plan that admitted the request. */
        PLAN
    }

    /** No rules: the request and response pass as the gateway's own rules leave them. */
    public static final HeaderRules NONE = new HeaderRules(Map.of(), List.of(), Map.of(), List.of(), Map.of());

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E\\t]{0,1024}");
    private static final Set<String> GATEWAYS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "forwarded", "x-request-id", "expect");

    public HeaderRules {
        Map<IdentityField, String> fields = new EnumMap<>(IdentityField.class);
        fields.putAll(requireNonNull(identity, "identity"));
        identity = java.util.Collections.unmodifiableMap(fields);
        requestRemove = List.copyOf(requireNonNull(requestRemove, "requestRemove"));
        requestSet = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(requestSet, "requestSet")));
        responseRemove = List.copyOf(requireNonNull(responseRemove, "responseRemove"));
        responseSet = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(responseSet, "responseSet")));
        Set<String> named = new HashSet<>();
        identity.forEach((field, name) -> name(name, "identity." + field.name().toLowerCase(Locale.ROOT), named));
        for (int i = 0; i < requestRemove.size(); i++) {
            name(requestRemove.get(i), "request.remove[" + i + "]", null);
        }
        requestSet.forEach((name, value) -> {
            name(name, "request.set", named);
            value(value, "request.set");
        });
        for (int i = 0; i < responseRemove.size(); i++) {
            name(responseRemove.get(i), "response.remove[" + i + "]", null);
        }
        Set<String> responseNamed = new HashSet<>();
        responseSet.forEach((name, value) -> {
            name(name, "response.set", responseNamed);
            value(value, "response.set");
        });
    }

    /** Every request header name the client's copies of are removed: identity headers, then {@code remove}. */
    public List<String> requestStripped() {
        List<String> out = new ArrayList<>(identity.values());
        out.addAll(requestRemove);
        out.addAll(requestSet.keySet());
        return out;
    }

    private static void name(String name, String at, Set<String> distinct) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException(at + ": '" + name + "' (expected: a header name)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (GATEWAYS.contains(lower) || lower.startsWith("x-forwarded-")) {
            throw new IllegalArgumentException(at + ": '" + name + "' is the gateway's own header (expected: another "
                    + "name; framing, forwarding and the request id are written by the gateway)");
        }
        if (distinct != null && !distinct.add(lower)) {
            throw new IllegalArgumentException(at + ": '" + name + "' is named twice (expected: one fact per header)");
        }
    }

    private static void value(String value, String at) {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(at + ": a value with control or non-ASCII characters (expected: "
                    + "printable ASCII, at most 1024 characters)");
        }
    }
}
