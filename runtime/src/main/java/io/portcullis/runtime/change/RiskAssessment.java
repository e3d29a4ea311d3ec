package io.portcullis.runtime.change;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyParser;
import io.portcullis.runtime.auth.SourceRestriction;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The risk of a change from one plan to another: the rules on the semantic diff ({@link DiffRisk}, through
 * {@link #of(Plan, Plan, PlanDiff)}) and these rules on facts the two compiled configurations settle exactly. Each
 * rule that applies contributes its level and what it saw; the change's level is the highest contribution:
 *
 * <ul>
 *   <li>{@code first-plan} (high): nothing is served yet, so everything is new;</li>
 *   <li>{@code approvers-changed} (high): the {@code changeControl} section differs (who approves, or how many);</li>
 *   <li>{@code node-section-changed} (high): another node section differs ({@code audit}, {@code admin}, ...);</li>
 *   <li>{@code wide-source-added} (high): an ingress rule added from a CIDR of /8 or wider (IPv6: /32 or wider),
 *       directly or through a prefix list, or such a CIDR added to a prefix list a rule uses;</li>
 *   <li>{@code resource-policy-removed}, {@code source-restriction-removed}, {@code token-verification-removed}
 *       (high): an API kept by the change loses its resource policy, its policy's condition on
 *       {@code aws:SourceVpc}/{@code aws:SourceVpce}, or its {@code auth.jwt};</li>
 *   <li>{@code access-only-removed} (low): the only difference is ingress rules removed (rules are a union, so
 *       removing one can only close access);</li>
 *   <li>{@code other-change} (medium): anything else, naming the sections that changed.</li>
 * </ul>
 *
 * <p>The last two apply only when no other rule (of either kind) does.
 */
public record RiskAssessment(RiskLevel level, List<Contribution> contributions) {

    /** One rule that applied: its id, its level and what it saw. */
    public record Contribution(String rule, RiskLevel level, String detail) {
        public Contribution {
            requireNonNull(rule, "rule");
            requireNonNull(level, "level");
            requireNonNull(detail, "detail");
        }
    }

    public RiskAssessment {
        requireNonNull(level, "level");
        contributions = List.copyOf(contributions);
    }

    /**
     * The risk of replacing {@code served} (null: nothing served yet) by {@code candidate} whose semantic difference is
     * {@code diff}: what {@code propose} records and what the node computes itself in {@link ChangeGate}.
     */
    public static RiskAssessment of(Plan served, Plan candidate, PlanDiff diff) {
        if (served != null && served.digest().equals(candidate.digest())) {
            return new RiskAssessment(RiskLevel.LOW, List.of(new Contribution("same-plan", RiskLevel.LOW,
                    "both compile to " + candidate.digest() + ": a node applies it without a change")));
        }
        RiskAssessment text = served == null ? of(null, null, candidate.config(), candidate.digest())
                : of(served.config(), served.digest(), candidate.config(), candidate.digest());
        List<Contribution> all = new ArrayList<>();
        if (text.level() == RiskLevel.HIGH) {
            all.addAll(text.contributions());
        }
        all.addAll(DiffRisk.of(diff, served == null ? null : served.config(), candidate.config()));
        if (all.isEmpty()) {
            return text;
        }
        RiskLevel level = RiskLevel.LOW;
        for (Contribution c : all) {
            level = level.max(c.level());
        }
        return new RiskAssessment(level, all);
    }

    /**
     * The configuration rules alone (no diff) for replacing {@code from} (null: nothing served yet) by {@code to},
     * each with its plan digest.
     */
    public static RiskAssessment of(PortcullisConfig from, PlanDigest fromDigest, PortcullisConfig to, PlanDigest toDigest) {
        List<Contribution> high = new ArrayList<>();
        if (from == null) {
            high.add(new Contribution("first-plan", RiskLevel.HIGH, "no plan is served yet: everything in " + toDigest
                    + " is new"));
            return new RiskAssessment(RiskLevel.HIGH, high);
        }
        JsonNode was = tree(fromDigest);
        JsonNode now = tree(toDigest);
        JsonNode wasNode = was.path("node");
        JsonNode nowNode = now.path("node");
        if (!wasNode.path("changeControl").equals(nowNode.path("changeControl"))) {
            high.add(new Contribution("approvers-changed", RiskLevel.HIGH, "changeControl differs (approvers, their keys "
                    + "or the approvals required)"));
        }
        List<String> sections = changedKeys(wasNode, nowNode);
        sections.remove("changeControl");
        if (!sections.isEmpty()) {
            high.add(new Contribution("node-section-changed", RiskLevel.HIGH, "node sections changed: "
                    + String.join(", ", sections)));
        }
        wideSources(was, now, high);
        apis(from, to, high);
        if (!high.isEmpty()) {
            return new RiskAssessment(RiskLevel.HIGH, high);
        }
        if (onlyRulesRemoved(was, now)) {
            return new RiskAssessment(RiskLevel.LOW, List.of(new Contribution("access-only-removed", RiskLevel.LOW,
                    "only ingress rules removed: " + removedRules(was, now))));
        }
        List<String> changed = changedKeys(was, now);
        return new RiskAssessment(RiskLevel.MEDIUM, List.of(new Contribution("other-change", RiskLevel.MEDIUM,
                changed.isEmpty() ? "no difference in the plan" : "changed: " + String.join(", ", changed))));
    }

    private static JsonNode tree(PlanDigest digest) {
        try {
            return Canonical.MAPPER.readTree(digest.canonicalJson()).path("config");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical form of " + digest + " does not parse", e);
        }
    }

    private static List<String> changedKeys(JsonNode was, JsonNode now) {
        TreeSet<String> keys = new TreeSet<>();
        was.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(keys::add);
        keys.removeIf(k -> was.path(k).equals(now.path(k)));
        return new ArrayList<>(keys);
    }

    private static void wideSources(JsonNode was, JsonNode now, List<Contribution> out) {
        Map<String, List<String>> wasLists = prefixLists(was);
        Map<String, List<String>> nowLists = prefixLists(now);
        Map<String, JsonNode> wasGroups = groups(was);
        for (var g : groups(now).entrySet()) {
            List<String> before = rules(wasGroups.get(g.getKey()));
            JsonNode ingress = g.getValue().path("ingress");
            for (int i = 0; i < ingress.size(); i++) {
                JsonNode rule = ingress.get(i);
                boolean added = !before.remove(Canonical.compact(rule));
                String cidr = rule.path("from").path("cidr").path("cidr").asText("");
                String list = rule.path("from").path("prefixListRef").path("prefixList").asText("");
                String at = g.getKey() + " ingress[" + i + "]";
                if (added && wide(cidr)) {
                    out.add(new Contribution("wide-source-added", RiskLevel.HIGH, at + " from " + cidr + describe(cidr)));
                }
                for (String c : nowLists.getOrDefault(list, List.of())) {
                    boolean newInList = !wasLists.getOrDefault(list, List.of()).contains(c);
                    if (wide(c) && (added || newInList)) {
                        out.add(new Contribution("wide-source-added", RiskLevel.HIGH, at + " from prefix list " + list
                                + " holding " + c + describe(c)));
                    }
                }
            }
        }
    }

    private static String describe(String cidr) {
        return cidr.endsWith("/0") ? " (the internet)" : "";
    }

    /** IPv4 /8 or wider, IPv6 /32 or wider. */
    static boolean wide(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        return cidr.contains(":") ? bits <= 32 : bits <= 8;
    }

    private static Map<String, List<String>> prefixLists(JsonNode config) {
        Map<String, List<String>> out = new HashMap<>();
        config.path("prefixLists").forEach(p -> {
            List<String> cidrs = new ArrayList<>();
            p.path("cidrs").forEach(c -> cidrs.add(c.asText()));
            out.put(p.path("id").asText(), cidrs);
        });
        return out;
    }

    /** Groups by {@code ACCOUNT/sg-id}, in the canonical order. */
    private static Map<String, JsonNode> groups(JsonNode config) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        config.path("securityGroups").forEach(g -> out.put(g.path("account").asText() + "/" + g.path("id").asText(), g));
        return out;
    }

    private static List<String> rules(JsonNode group) {
        List<String> out = new ArrayList<>();
        if (group != null) {
            group.path("ingress").forEach(r -> out.add(Canonical.compact(r)));
        }
        return out;
    }

    private static void apis(PortcullisConfig from, PortcullisConfig to, List<Contribution> out) {
        Map<String, Api> before = new HashMap<>();
        from.apis().forEach(a -> before.put(a.name(), a));
        for (Api now : to.apis()) {
            Api was = before.get(now.name());
            if (was == null) {
                continue;
            }
            Optional<PolicySource> wasPolicy = was.serving().resourcePolicy();
            Optional<PolicySource> nowPolicy = now.serving().resourcePolicy();
            if (wasPolicy.isPresent() && nowPolicy.isEmpty()) {
                out.add(new Contribution("resource-policy-removed", RiskLevel.HIGH, "API " + now.name()
                        + " no longer has a resourcePolicy"));
            } else if (wasPolicy.isPresent() && restrictsSource(wasPolicy.get()) && !restrictsSource(nowPolicy.get())) {
                out.add(new Contribution("source-restriction-removed", RiskLevel.HIGH, "API " + now.name()
                        + "'s resourcePolicy no longer conditions on aws:SourceVpc or aws:SourceVpce"));
            }
            if (was.serving().auth().jwt().isPresent() && now.serving().auth().jwt().isEmpty()) {
                out.add(new Contribution("token-verification-removed", RiskLevel.HIGH, "API " + now.name()
                        + " no longer verifies tokens (auth.jwt removed)"));
            }
        }
    }

    /** Whether {@code policy} conditions on the source VPC or endpoint; a policy that does not parse does not. */
    static boolean restrictsSource(PolicySource policy) {
        return PolicyParser.parse(policy.json()) instanceof ParseResult.Valid v && SourceRestriction.conditionsOnSource(v.document());
    }

    /**
     * Whether {@code now} is {@code was} with some ingress rules taken out and nothing else changed: the same groups,
     * each group's rules a subsequence of what it had.
     */
    private static boolean onlyRulesRemoved(JsonNode was, JsonNode now) {
        if (was.equals(now)) {
            return false;
        }
        Map<String, JsonNode> nowGroups = groups(now);
        JsonNode copy = was.deepCopy();
        for (JsonNode g : copy.path("securityGroups")) {
            JsonNode after = nowGroups.get(g.path("account").asText() + "/" + g.path("id").asText());
            if (after == null || !subsequence(after.path("ingress"), g.path("ingress"))) {
                return false;
            }
            ((ObjectNode) g).set("ingress", after.path("ingress").deepCopy());
        }
        return copy.equals(now);
    }

    private static boolean subsequence(JsonNode part, JsonNode whole) {
        int j = 0;
        for (Iterator<JsonNode> it = whole.elements(); it.hasNext() && j < part.size(); ) {
            if (it.next().equals(part.get(j))) {
                j++;
            }
        }
        return j == part.size();
    }

    private static String removedRules(JsonNode was, JsonNode now) {
        Map<String, JsonNode> nowGroups = groups(now);
        List<String> out = new ArrayList<>();
        groups(was).forEach((id, g) -> {
            int removed = g.path("ingress").size() - nowGroups.get(id).path("ingress").size();
            if (removed > 0) {
                out.add(id + " (" + removed + ")");
            }
        });
        return String.join(", ", out);
    }
}
