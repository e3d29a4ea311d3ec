package io.portcullis.site.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.SecurityGroup;
import java.util.ArrayList;
import java.util.List;

/** The site-wide pages: the index (with its search), the exceptions by expiry, the estate diagram; the search index. */
final class SitePages {

    private SitePages() {}

    static Doc index(Facts facts, String digest) {
        Doc d = new Doc("index", "Living documentation");
        d.para("Generated from the plan " + digest + ": every page is what that plan enforces. Network reach is evaluated at "
                + facts.at() + ".");
        d.para(Doc.Line.of(Doc.Span.text("See also: "), Doc.Span.link("exceptions by expiry", "exceptions"), Doc.Span.text(", "),
                Doc.Span.link("the estate diagram", "estate"), Doc.Span.text(".")));
        d.h2("APIs");
        List<List<Doc.Line>> apis = new ArrayList<>();
        for (Api a : facts.apis()) {
            apis.add(List.of(Doc.Line.of(Doc.Span.link(a.name(), Ids.api(a.name()))), Doc.Line.text(Lines.orDash(a.purpose())),
                    Doc.Line.text(Lines.orDash(a.owner())), Doc.Line.text(a.account())));
        }
        d.table(List.of("API", "purpose", "owner", "account"), apis);
        if (!facts.aws().apis().isEmpty()) {
            d.h2("AWS APIs");
            List<List<Doc.Line>> aws = new ArrayList<>();
            for (AwsApi a : facts.aws().apis()) {
                aws.add(List.of(Doc.Line.of(Doc.Span.link(a.name(), Ids.awsApi(a.id()))), Doc.Line.text(a.id()),
                        Doc.Line.text(Lines.orDash(AwsApiPage.tag(a, "purpose"))), Doc.Line.text(Lines.orDash(AwsApiPage.tag(a, "owner"))),
                        Doc.Line.text(a.account()), Doc.Line.text(a.region()), Doc.Line.text(String.join(", ", a.endpointTypes()))));
            }
            d.table(List.of("API", "id", "purpose", "owner", "account", "region", "endpoint types"), aws);
        }
        d.h2("Groups");
        List<List<Doc.Line>> groups = new ArrayList<>();
        for (SecurityGroup g : facts.groups()) {
            groups.add(List.of(Doc.Line.of(Doc.Span.link(g.key(), Ids.group(g.key()))),
                    Doc.Line.text(Lines.orDash(g.purpose().isEmpty() ? g.description() : g.purpose())), Doc.Line.text(Lines.orDash(g.owner())),
                    Doc.Line.text(g.vpc())));
        }
        d.table(List.of("group", "purpose", "owner", "VPC"), groups);
        return d;
    }

    static Doc exceptions(Facts facts) {
        Doc d = new Doc("exceptions", "Exceptions by expiry");
        d.para("Rules that expire or are marked exception: true, soonest expiry first; status at " + facts.at() + ".");
        List<List<Doc.Line>> rows = new ArrayList<>();
        for (Facts.ExceptionRule e : facts.exceptions()) {
            String status = e.rule().expires().map(x -> x.isAfter(facts.at()) ? "in force" : "expired").orElse("no expiry (validate warns)");
            String id = e.group().key() + " ingress[" + e.index() + "]";
            rows.add(List.of(Doc.Line.text(e.rule().expires().map(Object::toString).orElse("—")), Doc.Line.text(status),
                    Lines.linked(id, facts), Lines.linked(Lines.source(e.rule().from()), facts), Doc.Line.text(e.rule().protocolAndPorts()),
                    Doc.Line.text(Lines.orDash(e.rule().justification()))));
        }
        if (rows.isEmpty()) {
            d.para("No exception.");
        } else {
            d.table(List.of("expires", "status", "rule", "from", "traffic", "justification"), rows);
        }
        return d;
    }

    static Doc estate(Doc.Figure figure) {
        Doc d = new Doc("estate", "The estate");
        d.para("Groups and APIs with the references between them, clustered by account. Beyond " + Diagrams.ESTATE_DETAIL
                + " groups the groups an API's rules name are collapsed into one node per VPC; each API's page has its own diagram.");
        return d.figure(figure);
    }

    /** The search index: one entry per API, AWS API and group (kind, name, purpose, owner, account, page). */
    static String searchIndex(Facts facts) {
        ArrayNode a = new ObjectMapper().createArrayNode();
        for (Api x : facts.apis()) {
            a.addObject().put("kind", "API").put("name", x.name()).put("purpose", x.purpose()).put("owner", x.owner())
                    .put("account", x.account()).put("page", Ids.api(x.name()) + ".html");
        }
        for (AwsApi x : facts.aws().apis()) {
            a.addObject().put("kind", "AWS API").put("name", x.name() + " (" + x.id() + ")").put("purpose", AwsApiPage.tag(x, "purpose"))
                    .put("owner", AwsApiPage.tag(x, "owner")).put("account", x.account()).put("page", Ids.awsApi(x.id()) + ".html");
        }
        for (SecurityGroup g : facts.groups()) {
            a.addObject().put("kind", "group").put("name", g.key()).put("purpose", g.purpose().isEmpty() ? g.description() : g.purpose())
                    .put("owner", g.owner()).put("account", g.account()).put("page", Ids.group(g.key()) + ".html");
        }
        return a.toString();
    }
}
