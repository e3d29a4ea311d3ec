package io.portcullis.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link JsonTree} into a {@link PolicyDocument}, collecting every semantic error with its position:
 * unknown or missing elements, wrong JSON types, unknown condition operators, values of the wrong type for their
 * operator, malformed ARNs, CIDRs and principals, and {@code NotPrincipal} with {@code Allow}.
 */
final class DocumentReader {

    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+");

    private final List<PolicyError> errors = new ArrayList<>();
    private boolean variables;

    static ParseResult read(JsonTree tree) {
        DocumentReader r = new DocumentReader();
        PolicyDocument doc = r.document(tree);
        return r.errors.isEmpty() ? new ParseResult.Valid(doc) : new ParseResult.Invalid(r.errors);
    }

    private PolicyDocument document(JsonTree tree) {
        if (!(tree instanceof JsonTree.Obj obj)) {
            error(tree, "", "expected a policy object {\"Version\": ..., \"Statement\": ...}, found " + tree.describe());
            return null;
        }
        unknownKeys(obj, "", TOP, "Version, Id, Statement");
        String version = optionalString(obj, "Version", "");
        if (version != null && !version.equals(PolicyDocument.VERSION_2012) && !version.equals(PolicyDocument.VERSION_2008)) {
            error(obj.fields().get("Version"), "/Version", "unsupported Version '" + version + "' (expected: 2012-10-17 or 2008-10-17)");
            version = null;
        }
        variables = PolicyDocument.VERSION_2012.equals(version);
        String id = optionalString(obj, "Id", "");
        JsonTree st = obj.fields().get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (st == null) {
            error(obj, "", "missing Statement (expected: a statement object or an array of them)");
        } else if (st instanceof JsonTree.Arr arr) {
            if (arr.items().isEmpty()) {
                error(arr, "/Statement", "empty Statement array (expected: at least one statement)");
            }
            Set<String> sids = new HashSet<>();
            for (int i = 0; i < arr.items().size(); i++) {
                Statement s = statement(arr.items().get(i), "/Statement/" + i, i);
                if (s != null && s.sid() != null && !s.sid().isEmpty() && !sids.add(s.sid())) {
                    error(arr.items().get(i), "/Statement/" + i + "/Sid", "duplicate Sid '" + s.sid() + "' (expected: unique Sids within a policy)");
                }
                statements.add(s);
            }
        } else {
            statements.add(statement(st, "/Statement", 0));
        }
        return errors.isEmpty() ? new PolicyDocument(version, id, statements) : null;
    }

    private Statement statement(JsonTree node, String at, int index) {
        if (!(node instanceof JsonTree.Obj obj)) {
            error(node, at, "expected a statement object, found " + node.describe());
            return null;
        }
        int before = errors.size();
        unknownKeys(obj, at, STATEMENT, "Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition");
        String sid = optionalString(obj, "Sid", at);
        Effect effect = null;
        JsonTree e = obj.fields().get("Effect");
        if (e == null) {
            error(obj, at, "missing Effect (expected: \"Allow\" or \"Deny\")");
        } else if (e instanceof JsonTree.Scalar s && s.kind() == JsonTree.Kind.STRING && (s.text().equals("Allow") || s.text().equals("Deny"))) {
            effect = s.text().equals("Allow") ? Effect.ALLOW : Effect.DENY;
        } else {
            error(e, at + "/Effect", "expected \"Allow\" or \"Deny\", found " + show(e));
        }
        String pKey = exactlyOne(obj, at, "Principal", "NotPrincipal", "a resource policy names who it applies to");
        PrincipalSpec principal = pKey == null ? null : new PrincipalReader(this).read(obj.fields().get(pKey), at + "/" + pKey);
        if ("NotPrincipal".equals(pKey) && effect == Effect.ALLOW) {
            error(obj.fields().get(pKey), at + "/NotPrincipal", "NotPrincipal with Effect Allow (expected: NotPrincipal only with Deny; use Principal)");
        }
        String aKey = exactlyOne(obj, at, "Action", "NotAction", "");
        List<String> actions = aKey == null ? List.of() : strings(obj.fields().get(aKey), at + "/" + aKey);
        for (int i = 0; i < actions.size(); i++) {
            String a = actions.get(i);
            if (!a.equals("*") && !ACTION.matcher(a).matches()) {
                error(item(obj.fields().get(aKey), i), at + "/" + aKey + suffix(obj.fields().get(aKey), i),
                        "invalid action '" + a + "' (expected: service:Action with optional * and ?, e.g. execute-api:Invoke, or *)");
            }
        }
        String rKey = exactlyOne(obj, at, "Resource", "NotResource", "");
        List<String> resources = rKey == null ? List.of() : strings(obj.fields().get(rKey), at + "/" + rKey);
        for (int i = 0; i < resources.size(); i++) {
            try {
                ResourceMatcher.validate(resources.get(i), variables);
            } catch (IllegalArgumentException ex) {
                error(item(obj.fields().get(rKey), i), at + "/" + rKey + suffix(obj.fields().get(rKey), i), "invalid resource " + ex.getMessage());
            }
        }
        List<ConditionSpec> conditions = conditions(obj.fields().get("Condition"), at + "/Condition");
        if (errors.size() > before) {
            return null;
        }
        return new Statement(index, sid, effect, principal, "NotPrincipal".equals(pKey), actions, "NotAction".equals(aKey),
                resources, "NotResource".equals(rKey), conditions);
    }

    private List<ConditionSpec> conditions(JsonTree node, String at) {
        List<ConditionSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof JsonTree.Obj ops)) {
            error(node, at, "expected an object {\"Operator\": {\"key\": value}}, found " + node.describe());
            return out;
        }
        for (Map.Entry<String, JsonTree> op : ops.fields().entrySet()) {
            String opAt = at + "/" + JsonTree.escape(op.getKey());
            if (!(op.getValue() instanceof JsonTree.Obj keys)) {
                error(op.getValue(), opAt, "expected an object {\"key\": value} under " + op.getKey() + ", found " + op.getValue().describe());
                continue;
            }
            if (keys.fields().isEmpty()) {
                error(keys, opAt, "empty " + op.getKey() + " block (expected: at least one condition key)");
            }
            for (Map.Entry<String, JsonTree> k : keys.fields().entrySet()) {
                String keyAt = opAt + "/" + JsonTree.escape(k.getKey());
                int before = errors.size();
                List<String> values = scalars(k.getValue(), keyAt);
                if (errors.size() > before) {
                    continue;
                }
                try {
                    CompiledCondition.compile(op.getKey(), k.getKey(), values, variables);
                    out.add(new ConditionSpec(op.getKey(), k.getKey(), values));
                } catch (IllegalArgumentException ex) {
                    error(k.getValue(), keyAt, ex.getMessage());
                }
            }
        }
        return out;
    }

    /** A string or an array of strings (Action, Resource, principal values). */
    List<String> strings(JsonTree node, String at) {
        List<String> out = new ArrayList<>();
        List<JsonTree> items = node instanceof JsonTree.Arr a ? a.items() : List.of(node);
        if (node instanceof JsonTree.Arr a && a.items().isEmpty()) {
            error(node, at, "empty array (expected: at least one string)");
        }
        for (int i = 0; i < items.size(); i++) {
            JsonTree it = items.get(i);
            if (it instanceof JsonTree.Scalar s && s.kind() == JsonTree.Kind.STRING) {
                out.add(s.text());
            } else {
                error(it, at + (node instanceof JsonTree.Arr ? "/" + i : ""), "expected a string, found " + it.describe());
            }
        }
        return out;
    }

    /** A condition value: a string, number or boolean, or an array of them. */
    private List<String> scalars(JsonTree node, String at) {
        List<String> out = new ArrayList<>();
        List<JsonTree> items = node instanceof JsonTree.Arr a ? a.items() : List.of(node);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonTree.Scalar s) {
                out.add(s.text());
            } else {
                error(items.get(i), at + (node instanceof JsonTree.Arr ? "/" + i : ""),
                        "expected a string, number or boolean condition value, found " + items.get(i).describe());
            }
        }
        return out;
    }

    private String exactlyOne(JsonTree.Obj obj, String at, String a, String b, String why) {
        boolean hasA = obj.fields().containsKey(a);
        boolean hasB = obj.fields().containsKey(b);
        if (hasA && hasB) {
            error(obj.fields().get(b), at + "/" + b, "both " + a + " and " + b + " (expected: exactly one of them)");
            return null;
        }
        if (!hasA && !hasB) {
            error(obj, at, "missing " + a + " (expected: " + a + " or " + b + (why.isEmpty() ? "" : "; " + why) + ")");
            return null;
        }
        return hasA ? a : b;
    }

    private String optionalString(JsonTree.Obj obj, String name, String at) {
        JsonTree v = obj.fields().get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonTree.Scalar s && s.kind() == JsonTree.Kind.STRING) {
            return s.text();
        }
        error(v, at + "/" + name, "expected " + name + " to be a string, found " + v.describe());
        return null;
    }

    private void unknownKeys(JsonTree.Obj obj, String at, Set<String> allowed, String list) {
        for (Map.Entry<String, JsonTree> f : obj.fields().entrySet()) {
            if (!allowed.contains(f.getKey())) {
                error(f.getValue(), at + "/" + JsonTree.escape(f.getKey()), "unknown element '" + f.getKey() + "' (expected one of: " + list + ")");
            }
        }
    }

    static JsonTree item(JsonTree node, int i) {
        return node instanceof JsonTree.Arr a ? a.items().get(i) : node;
    }

    static String suffix(JsonTree node, int i) {
        return node instanceof JsonTree.Arr ? "/" + i : "";
    }

    private static String show(JsonTree node) {
        return node instanceof JsonTree.Scalar s && s.kind() == JsonTree.Kind.STRING ? "\"" + s.text() + "\"" : node.describe();
    }

    void error(JsonTree node, String pointer, String message) {
        errors.add(new PolicyError(node.line(), node.column(), pointer, message));
    }
}
