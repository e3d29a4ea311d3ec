package io.portcullis.site.internal;

import io.portcullis.config.AwsApi;
import io.portcullis.config.GroupRef;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.Reachability;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Way;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The diagrams of API Gateway APIs, drawn from WhoCanInvoke's answer: each way in (an estate endpoint, any endpoint
 * outside the estate, the internet) to the API, closed ways dashed, and the callers each endpoint's security groups
 * admit (their groups, partners, CIDRs) with the admitting rule. Past {@value Diagrams#EXPANDED} groups, the rest of
 * an endpoint's callers collapse into one node ("12 more groups"). In the estate diagram, each AWS API with the ways
 * that are open, and (in detail) the groups attached to each endpoint.
 */
final class AwsDiagrams {

    private static final String OUTSIDE = "~outside";

    private final Diagrams diagrams;

    AwsDiagrams(Diagrams diagrams) {
        this.diagrams = diagrams;
    }

    Graph api(AwsApi api, ApiAccess access) {
        Graph g = new Graph("AWS API " + api.name() + " (" + api.id() + "): its ways in and who each admits");
        String apiNode = apiNode(g, api);
        int shown = 0;
        Map<String, Set<String>> collapsed = new TreeMap<>();
        for (Way w : access.ways()) {
            String way = way(g, w);
            g.edge(way, apiNode, w.open() ? "invoke" : "closed", !w.open());
            for (Reachability.Reached c : w.callers()) {
                String rule = c.rule().decidedBy();
                switch (c.kind()) {
                    case WORKLOADS -> {
                        for (String key : c.groups()) {
                            if (g.has(key) || shown < Diagrams.EXPANDED) {
                                shown += g.has(key) ? 0 : 1;
                                diagrams.group(g, key);
                                g.edge(key, way, rule, false);
                            } else {
                                collapsed.computeIfAbsent(way, k -> new TreeSet<>()).add(key);
                            }
                        }
                    }
                    case PARTNER -> {
                        diagrams.cluster(g, c.account());
                        g.node("partner:" + c.subject(), new Graph.Node("partner " + c.subject(), "box", c.account(), ""));
                        g.edge("partner:" + c.subject(), way, rule, false);
                    }
                    case CIDR -> g.edge(diagrams.address(g, c.subject()), way, rule, false);
                }
            }
        }
        collapsed.forEach((way, keys) -> {
            String key = "more:" + way;
            g.node(key, new Graph.Node(keys.size() + " more groups (collapsed)", "folder", "", ""));
            g.edge(key, way, "admitted", true);
        });
        return g;
    }

    /** Adds every AWS API to the estate diagram with its open ways; {@code detail}: each endpoint's attached groups. */
    void estate(Graph g, AwsFacts aws, boolean detail) {
        for (AwsApi api : aws.apis()) {
            String apiNode = apiNode(g, api);
            for (Way w : aws.access(api).open()) {
                String way = way(g, w);
                g.edge(way, apiNode, "invoke", w.kind() != Way.Kind.ENDPOINT);
                VpcEndpoint e = w.kind() == Way.Kind.ENDPOINT ? aws.endpoint(w.endpoint()) : null;
                if (detail && e != null) {
                    for (GroupRef r : e.securityGroups()) {
                        diagrams.group(g, r.key());
                        g.edge(r.key(), way, "attached", false);
                    }
                }
            }
        }
    }

    private String apiNode(Graph g, AwsApi api) {
        diagrams.cluster(g, api.account());
        String key = "aws:" + api.id();
        g.node(key, new Graph.Node("AWS API " + api.name() + "\n" + api.id() + " (" + String.join(", ", api.endpointTypes()) + ")",
                "box3d", api.account(), Ids.awsApi(api.id())));
        return key;
    }

    private String way(Graph g, Way w) {
        return switch (w.kind()) {
            case ENDPOINT -> {
                diagrams.cluster(g, w.account());
                g.node("vpce:" + w.endpoint(), new Graph.Node(w.endpoint() + "\n" + w.vpc(), "cds", w.account(), ""));
                yield "vpce:" + w.endpoint();
            }
            case OUTSIDE_ENDPOINT -> {
                g.cluster(OUTSIDE, "outside the estate");
                g.node("vpce:" + w.endpoint(), new Graph.Node("any execute-api endpoint\nof any other account", "cds", OUTSIDE, ""));
                yield "vpce:" + w.endpoint();
            }
            case INTERNET, PORTCULLIS -> {
                g.node("internet", new Graph.Node("the internet", "ellipse", "", ""));
                yield "internet";
            }
        };
    }
}
