package io.portcullis.runtime.change;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.api.PolicySource;
import io.portcullis.config.node.BaselineConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Evaluates {@code changeControl.baselines} on a configuration, exactly, on what the plan holds: each violation names
 * the baseline and the element that breaks it, at its configuration path. {@code PlanCompiler} refuses a plan that
 * breaks its own baselines (so {@code validate}, {@code run} and a reload all refuse it), and {@code propose}
 * evaluates the baselines in force on the candidate too, for the approvers.
 */
public final class Baselines {

    /** One element that breaks one baseline: its configuration path and what is wrong. */
    public record Violation(String baseline, String path, String message) {
        public Violation {
            requireNonNull(baseline, "baseline");
            requireNonNull(path, "path");
            requireNonNull(message, "message");
        }

        /** {@code PATH: baseline 'NAME': message}, the form a plan's problems take. */
        @Override
        public String toString() {
            return path + ": baseline '" + baseline + "': " + message;
        }
    }

    private Baselines() {}

    /** Every violation of {@code baselines} by {@code config}, with {@code now} for expiry. */
    public static List<Violation> check(List<BaselineConfig> baselines, PortcullisConfig config, Instant now) {
        List<Violation> out = new ArrayList<>();
        for (BaselineConfig b : baselines) {
            switch (b.require()) {
                case "source-restriction" -> sourceRestriction(b, config, out);
                case "no-wide-sources" -> noWideSources(b, config, out);
                case "expiring-rules" -> expiringRules(b, config, now, out);
                case "tenant-isolation" -> TenantIsolation.check(b, config, now, out);
                default -> out.add(new Violation(b.name(), "changeControl.baselines", "requirement '" + b.require()
                        + "' is unknown (expected: one of " + BaselineConfig.REQUIREMENTS + ")"));
            }
        }
        return out;
    }

    /**
     * What a change record holds as {@code baselines}: for each of {@code baselines}, its name, requirement and the
     * violations of {@code config} (empty when met), each as {@code PATH: message}.
     */
    public static JsonNode results(List<BaselineConfig> baselines, PortcullisConfig config,
                                                                  Instant now) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (BaselineConfig b : baselines) {
            ObjectNode o = out.addObject().put("name", b.name()).put("require", b.require());
            ArrayNode v = o.putArray("violations");
            check(List.of(b), config, now).forEach(x -> v.add(x.path() + ": " + x.message()));
        }
        return out;
    }

    private static void sourceRestriction(BaselineConfig b, PortcullisConfig config, List<Violation> out) {
        for (int i = 0; i < config.apis().size(); i++) {
            Api api = config.apis().get(i);
            policy(b, "apis[" + i + "]", "API " + api.name(), api.serving().resourcePolicy(), out);
        }
        for (int i = 0; i < config.awsApis().size(); i++) {
            AwsApi api = config.awsApis().get(i);
            policy(b, "awsApis[" + i + "]", "AWS API " + api.id() + " (" + api.name() + ")", api.resourcePolicy(), out);
        }
    }

    private static void policy(BaselineConfig b, String at, String what, Optional<PolicySource> policy, List<Violation> out) {
        String expected = " (expected: a resource policy that conditions on aws:SourceVpc or aws:SourceVpce)";
        if (policy.isEmpty()) {
            out.add(new Violation(b.name(), at, what + " has no resourcePolicy" + expected));
        } else if (!RiskAssessment.restrictsSource(policy.get())) {
            out.add(new Violation(b.name(), at + ".resourcePolicy", what + "'s policy does not condition on the source VPC "
                    + "or VPC endpoint" + expected));
        }
    }

    private static void noWideSources(BaselineConfig b, PortcullisConfig config, List<Violation> out) {
        Map<String, List<String>> lists = new HashMap<>();
        config.prefixLists().forEach((PrefixList p) -> lists.put(p.id(), p.cidrs()));
        forEachRule(config, (g, at, rule) -> {
            List<String> cidrs = rule.from() instanceof Peer.Cidr c ? List.of(c.cidr())
                    : rule.from() instanceof Peer.PrefixListRef p ? lists.getOrDefault(p.prefixList(), List.of()) : List.of();
            String via = rule.from() instanceof Peer.PrefixListRef p ? " through prefix list " + p.prefixList() : "";
            cidrs.stream().filter(RiskAssessment::wide).forEach(c -> out.add(new Violation(b.name(), at + ".from",
                    "admits " + c + (c.endsWith("/0") ? " (the internet)" : "") + via + " into " + g.account() + "/" + g.id()
                    + " (expected: no rule from a CIDR of /8 or wider, IPv6 /32 or wider)")));
        });
    }

    private static void expiringRules(BaselineConfig b, PortcullisConfig config, Instant now, List<Violation> out) {
        Duration within = b.within().orElseThrow();
        forEachRule(config, (g, at, rule) -> {
            if (!g.tags().entrySet().containsAll(b.groupsTagged().entrySet())) {
                return;
            }
            String expected = " (expected: expires within " + within + " of now, " + now.truncatedTo(ChronoUnit.SECONDS) + ")";
            String into = "a rule into " + g.account() + "/" + g.id() + (b.groupsTagged().isEmpty() ? "" : " (tagged "
                    + String.join(", ", new TreeMap<>(b.groupsTagged()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()) + ")");
            if (rule.expires().isEmpty()) {
                out.add(new Violation(b.name(), at, into + " never expires" + expected));
            } else if (rule.expires().get().isAfter(now.plus(within))) {
                out.add(new Violation(b.name(), at + ".expires", into + " expires at " + rule.expires().get() + expected));
            }
        });
    }

    private interface RuleVisitor {
        void visit(SecurityGroup group, String at, IngressRule rule);
    }

    private static void forEachRule(PortcullisConfig config, RuleVisitor visitor) {
        for (int i = 0; i < config.securityGroups().size(); i++) {
            SecurityGroup g = config.securityGroups().get(i);
            for (int j = 0; j < g.ingress().size(); j++) {
                visitor.visit(g, "securityGroups[" + i + "].ingress[" + j + "]", g.ingress().get(j));
            }
        }
    }
}
