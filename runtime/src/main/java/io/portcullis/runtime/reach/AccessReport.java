package io.portcullis.runtime.reach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.engine.Reachability;
import io.portcullis.text.Printable;
import java.util.List;

/**
 * Renders who can invoke an API for people (text) and tools (JSON). Callers are printed per class (a VPC's
 * workloads with the same groups, by the rule admitting them) with a count, so 100,000 interfaces are a few lines;
 * {@code workloads} lists each one.
 */
public final class AccessReport {

    private AccessReport() {}

    /**
     * The text report; {@code workloads} lists every workload of each class rather than a count. Each line is
     * escaped ({@link Printable#line}): ids, names, notes and rule details come from the estate and its policies.
     */
    public static String text(ApiAccess a, boolean workloads) {
        StringBuilder out = new StringBuilder();
        String kind = switch (a.kind()) {
            case AWS_PRIVATE -> "API Gateway private API";
            case AWS_PUBLIC -> "API Gateway public API";
            case PORTCULLIS -> "Portcullis API";
        };
        line(out, (a.id().equals(a.name()) ? a.id() : a.id() + " (" + a.name() + ")") + ": " + kind + " of " + a.account()
                + " [" + a.path() + "]");
        if (a.kind() != ApiAccess.Kind.PORTCULLIS) {
            if (a.invocableFromOutside()) {
                line(out, "  ! invocable from outside the estate's accounts");
            }
            if (a.foreignPrincipals()) {
                line(out, "  ! a policy grants a named principal of an account outside the estate");
            }
            if (a.unrestrictedSource()) {
                line(out, "  ! no source restriction: an unsigned request from anywhere it can be sent is allowed");
            }
        }
        a.notes().forEach(n -> line(out, "  note: " + n));
        for (Way w : a.ways()) {
            if (!w.open()) {
                continue;
            }
            line(out, "  via " + via(w));
            for (Reachability.Reached c : w.callers()) {
                line(out, "    from " + caller(c, workloads) + "  [" + c.rule().decidedBy() + ": " + c.rule().detail() + "]");
            }
            for (Grant g : w.grants()) {
                line(out, "    as " + grant(g));
                deciding(g).forEach(d -> line(out, "      " + d));
            }
        }
        List<Way> closed = a.ways().stream().filter(w -> !w.open()).toList();
        for (Way w : closed) {
            line(out, "  closed: " + via(w) + ": " + why(w));
        }
        if (a.open().isEmpty()) {
            line(out, "  nobody can invoke it");
        }
        return out.toString();
    }

    /** One line of the text report, escaped, and its line break. */
    private static void line(StringBuilder out, String line) {
        out.append(Printable.line(line)).append('\n');
    }

    /** A grant as the report names it: {@code PRINCIPAL: RESOURCES[ from RANGE]}. */
    public static String grant(Grant g) {
        return g.principal().label() + ": " + g.resourcesLabel() + (g.sourceRange().isEmpty() ? "" : " from " + g.sourceRange());
    }

    /** The statement of each policy layer that decided {@code g}: endpoint policy, resource policy, identity policy. */
    public static List<String> deciding(Grant g) {
        List<String> out = new java.util.ArrayList<>(3);
        if (!g.endpointStatement().isEmpty()) {
            out.add("endpoint policy: " + g.endpointStatement());
        }
        out.add("resource policy: " + (g.resourceStatement().isEmpty() ? "neither allows nor denies" : g.resourceStatement()));
        identity(g).ifPresent(s -> out.add("identity policy: " + s));
        return out;
    }

    /** How a way is named in the report: {@code vpce-0aaa (vpc-a, account 111111111111) [vpcEndpoints[0]]}. */
    public static String via(Way w) {
        return switch (w.kind()) {
            case ENDPOINT -> w.endpoint() + " (" + w.vpc() + ", account " + w.account() + ") [" + w.path() + "]";
            case OUTSIDE_ENDPOINT -> "any execute-api endpoint outside the estate (any VPC of any other account)";
            case INTERNET -> "the internet";
            case PORTCULLIS -> "the network (" + w.vpc() + ")";
        };
    }

    /** Why a way admits nothing (for a way that is not {@link Way#open()}). */
    public static String why(Way w) {
        String note = w.note().isEmpty() || w.kind() == Way.Kind.OUTSIDE_ENDPOINT ? "" : " (" + w.note() + ")";
        if (w.kind() == Way.Kind.ENDPOINT && w.callers().isEmpty()) {
            return w.note().startsWith("the endpoint has no security group") ? w.note()
                    : "its security groups admit no caller on tcp/443" + note;
        }
        return (w.kind() == Way.Kind.PORTCULLIS ? "no caller admitted" : "the policies allow no principal") + note;
    }

    private static java.util.Optional<String> identity(Grant g) {
        return switch (g.identityPolicy()) {
            case NOT_USED -> java.util.Optional.empty();
            case MUST_ALSO_ALLOW -> java.util.Optional.of("must also allow (another account's principal; not in the estate)");
            case MAY_ALLOW -> java.util.Optional.of("allows if it grants execute-api:Invoke (same account; not in the estate)");
        };
    }

    /** A caller class as the report names it; {@code workloads} lists the workloads rather than a count. */
    public static String caller(Reachability.Reached c, boolean workloads) {
        return switch (c.kind()) {
            case WORKLOADS -> (workloads || c.workloads().size() == 1 ? String.join(", ", c.workloads())
                    : c.workloads().size() + " workloads") + " in " + c.vpc() + " (" + c.account() + ") with " + c.groups();
            case PARTNER -> "partner " + c.subject() + " (" + c.account() + ")";
            case CIDR -> "cidr " + c.subject();
        };
    }

    /** The JSON report: the API, its flags and notes, and every way with its callers and grants. */
    public static ObjectNode json(ApiAccess a, boolean workloads) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("id", a.id()).put("name", a.name()).put("kind", a.kind().name()).put("account", a.account()).put("path", a.path())
                .put("invocableFromOutside", a.invocableFromOutside()).put("unrestrictedSource", a.unrestrictedSource())
                .put("foreignPrincipals", a.foreignPrincipals());
        ArrayNode notes = o.putArray("notes");
        a.notes().forEach(notes::add);
        ArrayNode ways = o.putArray("ways");
        for (Way w : a.ways()) {
            ObjectNode wn = ways.addObject();
            wn.put("kind", w.kind().name()).put("endpoint", w.endpoint()).put("vpc", w.vpc()).put("account", w.account())
                    .put("path", w.path()).put("open", w.open()).put("note", w.note());
            ArrayNode callers = wn.putArray("callers");
            for (Reachability.Reached c : w.callers()) {
                ObjectNode cn = callers.addObject();
                cn.put("kind", c.kind().name()).put("vpc", c.vpc()).put("account", c.account()).put("subject", c.subject())
                        .put("count", c.workloads().size()).put("rule", c.rule().decidedBy()).put("detail", c.rule().detail());
                c.groups().forEach(cn.putArray("groups")::add);
                if (workloads) {
                    c.workloads().forEach(cn.putArray("workloads")::add);
                }
            }
            ArrayNode grants = wn.putArray("grants");
            for (Grant g : w.grants()) {
                ObjectNode gn = grants.addObject();
                gn.put("principal", g.principal().kind().name()).put("principalArn", g.principal().arn())
                        .put("account", g.principal().account()).put("endpointStatement", g.endpointStatement())
                        .put("resourceStatement", g.resourceStatement()).put("identityPolicy", g.identityPolicy().name())
                        .put("sourceRange", g.sourceRange());
                g.resources().forEach(gn.putArray("resources")::add);
                g.denied().forEach(gn.putArray("denied")::add);
            }
        }
        return o;
    }
}
