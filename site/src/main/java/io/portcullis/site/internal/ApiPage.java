package io.portcullis.site.internal;

import io.portcullis.config.Api;
import io.portcullis.config.IngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The page of one API: what it is for, who reaches it and how, what it requires, its rules and recent decisions. */
final class ApiPage {

    private ApiPage() {}

    static Doc of(Api api, Facts facts, Diagrams diagrams, Doc.Figure figure, AuditDecisions.ForApi audit, boolean audited) {
        Doc d = new Doc(Ids.api(api.name()), "API " + api.name());
        d.para("Purpose: " + Lines.orDash(api.purpose()));
        d.para("Owner: " + Lines.orDash(api.owner()));
        d.para("Listens on " + api.listen() + " in " + api.vpc() + ", account " + api.account()
                + (api.tags().isEmpty() ? "" : "; tags " + new java.util.TreeMap<>(api.tags())) + ".");
        List<Doc.Line> guards = new ArrayList<>();
        api.securityGroups().forEach(g -> guards.add(Lines.linked(g.key(), facts)));
        d.h2("Security groups attached").bullets(guards);

        d.h2("Who can reach it");
        d.para("The network layer's answer at " + facts.at() + " on tcp/" + api.listenPort() + ", as portcullis who-can-reach "
                + "--to " + api.name() + " prints it, with each caller's chain from portcullis check.");
        List<List<Doc.Line>> rows = new ArrayList<>();
        for (Facts.Reached r : facts.reach(api)) {
            rows.add(List.of(Doc.Line.text(r.reach().kind() + (r.reach().now() ? "" : " (scheduled)")), Doc.Line.text(r.reach().subject()),
                    Lines.linked(r.reach().rule(), facts), Lines.linked(String.join(" → ", r.chain()), facts)));
        }
        if (rows.isEmpty()) {
            d.para("Nothing can reach " + api.name() + ".");
        } else {
            d.table(List.of("kind", "caller", "rule", "chain"), rows);
        }

        d.h2("Identity requirements").bullets(PlainWords.identity(api).stream().map(Doc.Line::text).toList());
        d.h2("Resource policy").bullets(PlainWords.policy(api).stream().map(Doc.Line::text).toList());
        d.h2("Limits").bullets(PlainWords.limits(api.serving().limits()).stream().map(Doc.Line::text).toList());

        d.h2("Rules and their justification");
        List<List<Doc.Line>> rules = new ArrayList<>();
        List<List<Doc.Line>> exceptions = new ArrayList<>();
        for (Diagrams.Rule r : diagrams.rules(api)) {
            IngressRule x = r.rule();
            String id = r.group().key() + " ingress[" + r.index() + "]";
            rules.add(List.of(Lines.linked(id, facts), Lines.linked(Lines.source(x.from()), facts), Doc.Line.text(x.protocolAndPorts()),
                    Doc.Line.text(Lines.when(x)), Doc.Line.text(Lines.orDash(x.justification()))));
            if (x.isException()) {
                exceptions.add(List.of(Lines.linked(id, facts), Doc.Line.text(x.expires().map(Object::toString).orElse("no expiry")),
                        Doc.Line.text(Lines.orDash(x.justification()))));
            }
        }
        d.table(List.of("rule", "from", "traffic", "when", "justification"), rules);
        d.h2("Exceptions");
        if (exceptions.isEmpty()) {
            d.para("None.");
        } else {
            d.table(List.of("rule", "expires", "justification"), exceptions);
        }
        d.h2("Diagram").figure(figure);
        if (audited) {
            d.h2("Recent decisions");
            if (audit == null) {
                d.para("The audit log holds no decision for " + api.name() + ".");
            } else {
                List<List<Doc.Line>> counts = new ArrayList<>();
                for (Map.Entry<String, Long> e : audit.counts().entrySet()) {
                    String[] k = e.getKey().split(" ", 3);
                    counts.add(List.of(Doc.Line.text(k[0]), Doc.Line.text(k[1]), Doc.Line.text(k[2]), Doc.Line.text(e.getValue().toString())));
                }
                d.para("By verdict, layer and reason:").table(List.of("verdict", "layer", "reason", "records"), counts);
                List<List<Doc.Line>> recent = new ArrayList<>();
                for (AuditDecisions.Recent r : audit.recent()) {
                    recent.add(List.of(Doc.Line.text(r.time()), Doc.Line.text(r.caller()), Doc.Line.text(r.verdict()),
                            Doc.Line.text(r.layer() + " " + r.reason()), Lines.linked(Lines.orDash(r.decidedBy()), facts),
                            Doc.Line.text(r.status())));
                }
                d.para("The last " + recent.size() + ":").table(List.of("time", "caller", "verdict", "reason", "decided by", "status"), recent);
            }
        }
        return d;
    }
}
