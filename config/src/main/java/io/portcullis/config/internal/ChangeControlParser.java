package io.portcullis.config.internal;

import io.portcullis.config.node.ApprovalRuleConfig;
import io.portcullis.config.node.ApproverConfig;
import io.portcullis.config.node.BaselineConfig;
import io.portcullis.config.node.ChangeControlConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code changeControl}: the directory of change records, the approvers with their roles and public keys,
 * and the approvals each risk level requires. A rule no set of declared approvers can meet is an error here, since
 * a node holding it could never apply a change of that level. Key files are read when the plan is compiled.
 */
final class ChangeControlParser {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    /** The approvals of each level when {@code require} does not say; {@code critical} defaults to {@code high}'s rule. */
    private static final Map<String, Integer> DEFAULT_APPROVALS = Map.of("low", 1, "medium", 1, "high", 2);

    private final Problems problems;

    ChangeControlParser(Problems problems) {
        this.problems = problems;
    }

    ChangeControlConfig parse(Fields f) {
        String rawDir = f.required("changes", "the directory of change records");
        Path changes = rawDir == null ? null : Values.file(rawDir, f.path("changes"), problems);
        List<ApproverConfig> approvers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean ok = changes != null;
        var entries = f.objects("approvers");
        if (f.valid() && entries.isEmpty()) {
            problems.error(f.path("approvers"), "missing or empty (expected: at least one approver with id, role and "
                    + "publicKey)");
            ok = false;
        }
        for (var e : entries) {
            ApproverConfig a = approver(e.getKey(), new Fields(e.getValue(), e.getKey(), problems));
            if (a != null && !ids.add(a.id())) {
                problems.error(e.getKey() + ".id", "duplicate approver '" + a.id() + "' (expected: unique ids)");
                a = null;
            }
            ok &= a != null;
            if (a != null) {
                approvers.add(a);
            }
        }
        List<ApprovalRuleConfig> require = require(f, approvers);
        List<BaselineConfig> baselines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (var e : f.objects("baselines")) {
            BaselineConfig b = baseline(new Fields(e.getValue(), e.getKey(), problems));
            if (b != null && !names.add(b.name())) {
                problems.error(e.getKey() + ".name", "duplicate baseline '" + b.name() + "' (expected: unique names)");
                b = null;
            }
            ok &= b != null;
            if (b != null) {
                baselines.add(b);
            }
        }
        return ok && require != null && f.valid() ? new ChangeControlConfig(changes, approvers, require, baselines) : null;
    }

    private ApproverConfig approver(String path, Fields f) {
        String id = f.required("id", Values.NAME, "an approver id: letters, digits and ._:/@-");
        String role = f.required("role", ROLE, "a role: lower-case letters, digits and '-', e.g. security");
        String rawKey = f.required("publicKey", "the approver's Ed25519 public key file (PEM or JWK)");
        Path key = rawKey == null ? null : Values.file(rawKey, f.path("publicKey"), problems);
        f.done();
        return id == null || role == null || key == null ? null : new ApproverConfig(id, role, key);
    }

    private BaselineConfig baseline(Fields f) {
        String name = f.required("name", Values.NAME, "a baseline name: letters, digits and ._:/@-");
        String require = Values.oneOf(f.required("require", "one of " + String.join(", ", BaselineConfig.REQUIREMENTS)),
                BaselineConfig.REQUIREMENTS, f.path("require"), problems);
        Map<String, String> tagged = f.stringMap("groupsTagged");
        String rawWithin = f.optional("within", "a duration such as 8h");
        Duration within = rawWithin == null ? null : Values.duration(rawWithin, f.path("within"), problems);
        f.done();
        if (name == null || require == null || (rawWithin != null && within == null) || !f.valid()) {
            return null;
        }
        boolean expiring = require.equals("expiring-rules");
        if (expiring && within == null) {
            problems.error(f.path("within"), "missing (expected: how soon every rule it covers must expire, e.g. 8h)");
            return null;
        }
        if (!expiring && (within != null || !tagged.isEmpty())) {
            problems.error(f.path(within != null ? "within" : "groupsTagged"), "only for expiring-rules (expected: "
                    + "no such field for " + require + ")");
            return null;
        }
        return new BaselineConfig(name, require, tagged, Optional.ofNullable(within));
    }

    /** The four rules, defaults filled in; null when one is invalid (reported). */
    private List<ApprovalRuleConfig> require(Fields f, List<ApproverConfig> approvers) {
        Fields r = f.has("require") ? new Fields(f.raw("require"), f.path("require"), problems) : null;
        if (r != null && !r.valid()) {
            return null;
        }
        List<ApprovalRuleConfig> out = new ArrayList<>();
        boolean ok = true;
        for (String level : ChangeControlConfig.RISK_LEVELS) {
            ApprovalRuleConfig rule;
            if (r != null && r.has(level)) {
                rule = rule(level, new Fields(r.raw(level), r.path(level), problems));
            } else if (level.equals("critical")) {
                rule = out.size() == 3 ? new ApprovalRuleConfig(level, out.get(2).approvals(), out.get(2).roles()) : null;
            } else {
                rule = new ApprovalRuleConfig(level, DEFAULT_APPROVALS.get(level), List.of());
            }
            if (rule != null && !out.isEmpty() && rule.approvals() < out.get(out.size() - 1).approvals()) {
                problems.error(f.path("require") + "." + level, level + " needs " + rule.approvals() + " approval(s), fewer "
                        + "than " + out.get(out.size() - 1).risk() + " (expected: a higher risk needs at least as many)");
                rule = null;
            }
            boolean written = r != null && r.has(level);
            String at = written ? r.path(level) : f.path("require") + "." + level;
            if (rule != null && !approvers.isEmpty() && !satisfiable(rule, at, written ? "" : " (the default)", approvers)) {
                rule = null;
            }
            ok &= rule != null;
            if (rule != null) {
                out.add(rule);
            }
        }
        if (r != null) {
            r.done();
        }
        return ok ? out : null;
    }

    /** Whether the declared approvers can meet {@code rule} (written or a default, at {@code at}); reported if not. */
    private boolean satisfiable(ApprovalRuleConfig rule, String at, String origin, List<ApproverConfig> approvers) {
        boolean ok = true;
        if (rule.approvals() > approvers.size()) {
            problems.error(at + ".approvals", rule.approvals() + " approvals" + origin + ", but only " + approvers.size() + " approver(s) "
                    + "are declared (expected: a rule the declared approvers can meet)");
            ok = false;
        }
        Map<String, Integer> wanted = new HashMap<>();
        rule.roles().forEach(role -> wanted.merge(role, 1, Integer::sum));
        for (var w : wanted.entrySet()) {
            long held = approvers.stream().filter(a -> a.role().equals(w.getKey())).count();
            if (held < w.getValue()) {
                problems.error(at + ".roles", "needs " + w.getValue() + " approver(s) with role '" + w.getKey() + "', but "
                        + held + " are declared (expected: a rule the declared approvers can meet)");
                ok = false;
            }
        }
        return ok;
    }

    private ApprovalRuleConfig rule(String level, Fields f) {
        String rawCount = f.required("approvals", "how many distinct approvers");
        Long count = rawCount == null ? null : Values.positive(rawCount, 100, f.path("approvals"), problems);
        List<String> roles = f.strings("roles", "a role that must be among the approvers");
        f.done();
        if (count == null || !f.valid()) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < roles.size(); i++) {
            if (!ROLE.matcher(roles.get(i)).matches()) {
                problems.error(f.path("roles") + "[" + i + "]", "'" + roles.get(i) + "' (expected: a role: lower-case "
                        + "letters, digits and '-')");
                ok = false;
            }
        }
        if (roles.size() > count) {
            problems.error(f.path("approvals"), count + " is fewer than the " + roles.size() + " roles listed (expected: "
                    + "at least one approval per role)");
            return null;
        }
        return ok ? new ApprovalRuleConfig(level, count.intValue(), roles) : null;
    }
}
