package io.portcullis.site.internal;

import io.portcullis.config.IngressRule;
import io.portcullis.config.SecurityGroup;
import io.portcullis.runtime.reach.AccessReport;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The page of one group: purpose and scope, members, what it grants (Portcullis APIs, and API Gateway APIs through an
 * endpoint when the configuration has some), and who references it from which accounts.
 */
final class GroupPage {

    private GroupPage() {}

    static Doc of(SecurityGroup g, Facts facts) {
        Doc d = new Doc(Ids.group(g.key()), "Group " + g.key());
        d.para("Purpose: " + Lines.orDash(g.purpose()));
        d.para("Description: " + Lines.orDash(g.description()));
        d.para("Owner: " + Lines.orDash(g.owner()));
        d.para("In " + g.vpc() + ", account " + g.account() + (g.tags().isEmpty() ? "" : "; tags " + new java.util.TreeMap<>(g.tags())) + ".");

        d.h2("Scope: the rules it carries");
        List<List<Doc.Line>> rules = new ArrayList<>();
        for (int i = 0; i < g.ingress().size(); i++) {
            IngressRule r = g.ingress().get(i);
            rules.add(List.of(Doc.Line.text("ingress[" + i + "]"), Lines.linked(Lines.source(r.from()), facts),
                    Doc.Line.text(r.protocolAndPorts()), Doc.Line.text(Lines.when(r)), Doc.Line.text(Lines.orDash(r.justification()))));
        }
        if (rules.isEmpty()) {
            d.para("None of its own: it names callers (its members) rather than guarding anything.");
        } else {
            d.table(List.of("rule", "from", "traffic", "when", "justification"), rules);
        }
        if (!g.includes().isEmpty() || !g.extendsGroups().isEmpty()) {
            List<Doc.Line> rel = new ArrayList<>();
            g.includes().forEach(c -> rel.add(Doc.Line.of(Doc.Span.text("includes "), link(c.key(), facts))));
            g.extendsGroups().forEach(c -> rel.add(Doc.Line.of(Doc.Span.text("extends "), link(c.key(), facts))));
            d.bullets(rel);
        }

        d.h2("Members");
        List<List<Doc.Line>> members = new ArrayList<>();
        for (Facts.Member m : facts.members(g)) {
            members.add(List.of(Doc.Line.text(m.kind()), Doc.Line.text(m.id()), Doc.Line.text(m.account()),
                    m.through().isEmpty() ? Doc.Line.text("directly") : Doc.Line.of(Doc.Span.text("through "), link(m.through(), facts))));
        }
        if (members.isEmpty()) {
            d.para("No workload or partner carries it, directly or through a group it includes.");
        } else {
            d.table(List.of("kind", "member", "account", "how"), members);
        }

        d.h2("What it grants");
        d.para("Every API a member of this group reaches by its groups alone, as portcullis check --from group:" + g.key()
                + " answers at " + facts.at() + ".");
        List<List<Doc.Line>> grants = new ArrayList<>();
        for (Facts.Grant x : facts.grants(g)) {
            grants.add(List.of(Doc.Line.of(Doc.Span.link(x.api(), Ids.api(x.api()))), Lines.linked(x.rule(), facts), Doc.Line.text(x.detail())));
        }
        if (grants.isEmpty()) {
            d.para("No API.");
        } else {
            d.table(List.of("API", "rule", "detail"), grants);
        }

        if (!facts.aws().apis().isEmpty()) {
            awsApis(d, g, facts);
        }

        d.h2("Referenced by");
        List<Facts.Reference> refs = facts.references(g);
        if (refs.isEmpty()) {
            d.para("Nothing references it.");
        } else {
            TreeSet<String> accounts = new TreeSet<>();
            List<List<Doc.Line>> rows = new ArrayList<>();
            for (Facts.Reference r : refs) {
                accounts.add(r.account());
                rows.add(List.of(Doc.Line.text(r.kind()), r.href().isEmpty() ? Doc.Line.text(r.from()) : Doc.Line.of(Doc.Span.link(r.from(), r.href())),
                        Doc.Line.text(r.account()), Doc.Line.text(r.detail())));
            }
            d.para("From accounts " + String.join(", ", accounts) + ".");
            d.table(List.of("kind", "from", "account", "detail"), rows);
        }
        return d;
    }

    /** The AWS APIs members of {@code g} invoke through an endpoint, as WhoCanInvoke answers (who-can-reach). */
    private static void awsApis(Doc d, SecurityGroup g, Facts facts) {
        d.h2("AWS APIs it reaches through an endpoint");
        d.para("The API Gateway APIs whose open ways in admit members of this group at an endpoint's security groups, as "
                + "portcullis who-can-reach --to ID answers at " + facts.at() + "; what each member may then invoke is on the API's page.");
        List<List<Doc.Line>> rows = new ArrayList<>();
        for (AwsFacts.Invoker x : facts.aws().invokers(g.key())) {
            rows.add(List.of(Doc.Line.of(Doc.Span.link(x.api().name() + " (" + x.api().id() + ")", Ids.awsApi(x.api().id()))),
                    Doc.Line.text(x.way().endpoint()), Lines.linked(AccessReport.caller(x.caller(), false), facts),
                    Lines.linked(x.caller().rule().decidedBy(), facts)));
        }
        if (rows.isEmpty()) {
            d.para("No AWS API.");
        } else {
            d.table(List.of("AWS API", "endpoint", "callers", "rule"), rows);
        }
    }

    private static Doc.Span link(String key, Facts facts) {
        return facts.group(key) == null ? Doc.Span.text(key) : Doc.Span.link(key, Ids.group(key));
    }
}
