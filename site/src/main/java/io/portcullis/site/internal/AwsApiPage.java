package io.portcullis.site.internal;

import io.portcullis.config.AwsApi;
import io.portcullis.config.GroupRef;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.Reachability;
import io.portcullis.runtime.reach.AccessReport;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Grant;
import io.portcullis.runtime.reach.Way;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The page of one API Gateway API ({@code awsApis[]}): what it is, who can invoke it through which way in and why
 * (WhoCanInvoke's answer, rendered with {@code who-can-reach}'s own wording: {@link AccessReport}), its resource
 * policy and the policies of the endpoints it is reached through in plain words, and its diagram.
 */
final class AwsApiPage {

    private AwsApiPage() {}

    static Doc of(AwsApi api, ApiAccess access, Facts facts, Doc.Figure figure) {
        Doc d = new Doc(Ids.awsApi(api.id()), "AWS API " + api.name() + " (" + api.id() + ")");
        d.para("Purpose: " + Lines.orDash(tag(api, "purpose")));
        d.para("Owner: " + Lines.orDash(tag(api, "owner")));
        d.para("API Gateway " + (api.isPrivate() ? "private" : "public") + " API " + api.id() + " (" + api.name() + ") of account "
                + api.account() + ", region " + api.region() + "; " + access.path() + ", imported with portcullis import aws.");
        d.bullets(List.of(Doc.Line.text("Endpoint types: " + String.join(", ", api.endpointTypes()) + "."),
                Doc.Line.text("VPC endpoint ids of its endpoint configuration (private DNS aliases; they restrict nothing): "
                        + (api.vpcEndpointIds().isEmpty() ? "none" : String.join(", ", api.vpcEndpointIds())) + "."),
                Doc.Line.text("Stages: " + (api.stages().isEmpty() ? "none deployed" : String.join(", ", api.stages())) + "."),
                Doc.Line.text("Tags: " + (api.tags().isEmpty() ? "none" : new TreeMap<>(api.tags()).toString()) + ".")));

        d.h2("Who can invoke it");
        d.para("WhoCanInvoke's answer at " + facts.at() + ", as portcullis who-can-reach --to " + api.id() + " prints it: for each "
                + "way in that every layer opens, the callers the endpoint's security groups admit on tcp/443 (network, with the "
                + "admitting rule) and the principals the endpoint policy and the resource policy allow (policies, with each "
                + "layer's deciding statement).");
        List<Doc.Line> flags = new ArrayList<>();
        if (access.invocableFromOutside()) {
            flags.add(Doc.Line.text("Invocable from outside the estate's accounts."));
        }
        if (access.foreignPrincipals()) {
            flags.add(Doc.Line.text("A policy grants a named principal of an account outside the estate."));
        }
        if (access.unrestrictedSource()) {
            flags.add(Doc.Line.text("No source restriction: an unsigned request from anywhere it can be sent is allowed."));
        }
        access.notes().forEach(n -> flags.add(Doc.Line.text("Note: " + n + ".")));
        if (!flags.isEmpty()) {
            d.bullets(flags);
        }
        List<List<Doc.Line>> rows = new ArrayList<>();
        for (Way w : access.open()) {
            Doc.Line via = Doc.Line.text(AccessReport.via(w));
            for (Reachability.Reached c : w.callers()) {
                rows.add(List.of(via, Doc.Line.text("network"), Lines.linked(AccessReport.caller(c, false), facts),
                        Lines.linked(c.rule().decidedBy() + ": " + c.rule().detail(), facts)));
            }
            for (Grant g : w.grants()) {
                rows.add(List.of(via, Doc.Line.text("policies"), Doc.Line.text(AccessReport.grant(g)),
                        Doc.Line.text(String.join("; ", AccessReport.deciding(g)))));
            }
        }
        if (rows.isEmpty()) {
            d.para("Nobody can invoke " + api.id() + ".");
        } else {
            d.table(List.of("way in", "layer", "who", "decided by"), rows);
        }
        d.h2("Closed ways in");
        List<List<Doc.Line>> closed = new ArrayList<>();
        access.ways().stream().filter(w -> !w.open())
                .forEach(w -> closed.add(List.of(Doc.Line.text(AccessReport.via(w)), Doc.Line.text(AccessReport.why(w)))));
        if (closed.isEmpty()) {
            d.para("None.");
        } else {
            d.table(List.of("way in", "why it admits nothing"), closed);
        }

        d.h2("Resource policy").bullets(PlainWords.policy(api.resourcePolicy(), "resource policy", api.isPrivate()
                ? "No resource policy: API Gateway denies every call to a private API without one."
                : "No resource policy: each method's own authorization decides.").stream().map(Doc.Line::text).toList());
        endpointPolicies(d, api, access, facts);
        d.h2("Diagram").figure(figure);
        return d;
    }

    /** Each estate endpoint the API is reached through: where it is, its groups, its policy in plain words. */
    private static void endpointPolicies(Doc d, AwsApi api, ApiAccess access, Facts facts) {
        d.h2("Endpoint policies");
        Set<String> ids = new LinkedHashSet<>();
        access.ways().stream().filter(w -> w.kind() == Way.Kind.ENDPOINT).forEach(w -> ids.add(w.endpoint()));
        if (ids.isEmpty()) {
            d.para(api.isPrivate() ? "No execute-api endpoint of " + api.region() + " in the estate."
                    : "A " + String.join(", ", api.endpointTypes()) + " API is not reached through VPC endpoints.");
            return;
        }
        for (String id : ids) {
            VpcEndpoint e = facts.aws().endpoint(id);
            if (e == null) {
                continue;
            }
            List<String> groups = e.securityGroups().stream().map(GroupRef::key).toList();
            d.para(Lines.linked("Endpoint " + e.id() + " in " + e.vpc() + ", account " + e.account() + "; security groups "
                    + (groups.isEmpty() ? "none" : String.join(", ", groups)) + ":", facts));
            d.bullets(PlainWords.policy(e.policy(), "endpoint policy", "No endpoint policy: AWS's default, which allows everything.")
                    .stream().map(Doc.Line::text).toList());
        }
        d.para("Any execute-api endpoint of " + api.region() + " outside the estate carries its owner's policy (AWS's default, "
                + "full access, assumed).");
    }

    /** A tag by key, whatever its case ({@code purpose}, {@code Purpose}); "" when absent. */
    static String tag(AwsApi api, String key) {
        return new TreeMap<>(api.tags()).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(e -> e.getValue())
                .findFirst().orElse("");
    }
}
