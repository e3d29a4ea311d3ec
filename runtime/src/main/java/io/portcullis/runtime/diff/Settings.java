package io.portcullis.runtime.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.digest.PlanDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identity requirements and limits of each API, read from the plan's canonical form (docs/plan-digest.md), where
 * values are parsed, defaults filled in and unordered lists sorted, so that two ways of writing the same setting
 * compare equal. Routes are matched by path and methods, not by position.
 */
final class Settings {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Leaves by path ({@code auth.jwt.issuer}), each the canonical JSON of its value. */
    record Leaves(Map<String, String> identity, Map<String, String> limits) {}

    private Settings() {}

    /** The canonical {@code config} object of a plan. */
    static JsonNode tree(PlanDigest digest) {
        try {
            return MAPPER.readTree(digest.canonicalJson()).path("config");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical form of " + digest + " does not parse", e);
        }
    }

    /** The API named {@code name} in the canonical configuration, or a missing node. */
    static JsonNode api(JsonNode config, String name) {
        for (JsonNode a : config.path("apis")) {
            if (a.path("name").asText().equals(name)) {
                return a;
            }
        }
        return MAPPER.missingNode();
    }

    static Leaves of(JsonNode api) {
        Map<String, String> identity = new TreeMap<>();
        Map<String, String> limits = new TreeMap<>();
        JsonNode serving = api.path("serving");
        flatten("auth", serving.path("auth"), identity);
        identity.remove("auth.failureFloor");
        JsonNode tls = serving.path("tls");
        for (String k : List.of("clientAuth", "clientCa", "crl")) {
            if (!tls.path(k).isMissingNode()) {
                identity.put("tls." + k, tls.path(k).toString());
            }
        }
        flatten("limits", serving.path("limits"), limits);
        for (JsonNode r : serving.path("routes")) {
            JsonNode s = r.path("settings");
            String key = "routes[" + s.path("path").asText() + " " + methods(s.path("methods")) + "]";
            flatten(key + ".requires", r.path("requires"), identity);
            limits.put(key + ".maxBodyBytes", s.path("maxBodyBytes").toString());
            limits.put(key + ".rateLimits", s.path("rateLimits").toString());
        }
        return new Leaves(identity, limits);
    }

    private static String methods(JsonNode methods) {
        List<String> out = new ArrayList<>();
        methods.forEach(m -> out.add(m.asText()));
        return out.isEmpty() ? "*" : String.join(",", out);
    }

    /** Objects are walked; arrays and scalars are leaves (the canonical form sorts the lists that are sets). */
    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isMissingNode()) {
            return;
        }
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(path, node.toString());
        }
    }

    /** The leaves that differ, in path order; a leaf on one side only is {@code null} on the other. */
    static List<SettingChange> changes(Map<String, String> before, Map<String, String> after) {
        TreeMap<String, String[]> all = new TreeMap<>();
        before.forEach((k, v) -> all.computeIfAbsent(k, x -> new String[2])[0] = v);
        after.forEach((k, v) -> all.computeIfAbsent(k, x -> new String[2])[1] = v);
        List<SettingChange> out = new ArrayList<>();
        all.forEach((k, v) -> {
            String b = v[0] == null ? "null" : v[0];
            String a = v[1] == null ? "null" : v[1];
            if (!b.equals(a)) {
                out.add(new SettingChange(k, b, a));
            }
        });
        return out;
    }
}
