package io.portcullis.site.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A diagram before it is written: nodes in clusters (an account, "outside the estate") and labelled edges, emitted
 * as Graphviz DOT ({@link #dot}) and as a Mermaid flowchart ({@link #mermaid}). Nodes and clusters are written in
 * the order they were added and node ids are their order numbers, so the same facts give the same text.
 */
public final class Graph {

    /** {@code href} is from the site's root (empty: no link); {@code shape} a Graphviz shape. */
    public record Node(String label, String shape, String cluster, String href) {}

    public record Edge(String from, String to, String label, boolean dashed) {}

    private final String title;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> clusters = new TreeMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final java.util.Set<String> edgeKeys = new java.util.HashSet<>();

    public Graph(String title) {
        this.title = title;
    }

    /** Adds the node {@code key} once; later calls with the same key keep the first. */
    public Graph node(String key, Node n) {
        nodes.putIfAbsent(key, n);
        return this;
    }

    public boolean has(String key) {
        return nodes.containsKey(key);
    }

    public Graph cluster(String key, String label) {
        clusters.put(key, label);
        return this;
    }

    /** Adds an edge once per (from, to, label). */
    public Graph edge(String from, String to, String label, boolean dashed) {
        if (edgeKeys.add(from + '\n' + to + '\n' + label)) {
            edges.add(new Edge(from, to, label, dashed));
        }
        return this;
    }

    public String title() {
        return title;
    }

    public int size() {
        return nodes.size();
    }

    /** Graphviz DOT; node links are relative to the diagrams folder ({@code ../apis/orders.html}). */
    public String dot() {
        Map<String, String> ids = ids();
        StringBuilder b = new StringBuilder(1024);
        b.append("digraph \"").append(q(title)).append("\" {\n")
                .append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, label=\"").append(q(title))
                .append("\", labelloc=t, nodesep=0.25, ranksep=0.6];\n")
                .append("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#f4f6f8\", color=\"#5b6770\"];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#5b6770\"];\n");
        Map<String, List<String>> byCluster = byCluster();
        int c = 0;
        for (var e : byCluster.entrySet()) {
            String indent = "  ";
            if (!e.getKey().isEmpty()) {
                b.append("  subgraph \"cluster_").append(c++).append("\" {\n    label=\"").append(q(clusters.getOrDefault(e.getKey(), e.getKey())))
                        .append("\"; style=rounded; color=\"#9aa5ad\";\n");
                indent = "    ";
            }
            for (String k : e.getValue()) {
                Node n = nodes.get(k);
                b.append(indent).append(ids.get(k)).append(" [label=\"").append(q(n.label())).append("\", shape=").append(n.shape());
                if (!n.href().isEmpty()) {
                    b.append(", URL=\"../").append(q(Html.href(n.href(), ".html"))).append("\"");
                }
                if ("box3d".equals(n.shape())) {
                    b.append(", fillcolor=\"#dbe9f6\"");
                }
                b.append("];\n");
            }
            if (!e.getKey().isEmpty()) {
                b.append("  }\n");
            }
        }
        for (Edge e : edges) {
            b.append("  ").append(ids.get(e.from())).append(" -> ").append(ids.get(e.to()));
            List<String> attrs = new ArrayList<>();
            if (!e.label().isEmpty()) {
                attrs.add("label=\"" + q(e.label()) + "\"");
            }
            if (e.dashed()) {
                attrs.add("style=dashed");
            }
            if (!attrs.isEmpty()) {
                b.append(" [").append(String.join(", ", attrs)).append(']');
            }
            b.append(";\n");
        }
        return b.append("}\n").toString();
    }

    /** A Mermaid flowchart (left to right), clusters as subgraphs. */
    public String mermaid() {
        Map<String, String> ids = ids();
        StringBuilder b = new StringBuilder(1024);
        b.append("---\ntitle: ").append(title.replace('\n', ' ')).append("\n---\nflowchart LR\n");
        Map<String, List<String>> byCluster = byCluster();
        int c = 0;
        for (var e : byCluster.entrySet()) {
            String indent = "  ";
            if (!e.getKey().isEmpty()) {
                b.append("  subgraph c").append(c++).append("[\"").append(m(clusters.getOrDefault(e.getKey(), e.getKey()))).append("\"]\n");
                indent = "    ";
            }
            for (String k : e.getValue()) {
                Node n = nodes.get(k);
                String label = m(n.label());
                b.append(indent).append(ids.get(k)).append("box3d".equals(n.shape()) ? "[[\"" + label + "\"]]" : "[\"" + label + "\"]").append('\n');
            }
            if (!e.getKey().isEmpty()) {
                b.append("  end\n");
            }
        }
        for (Edge e : edges) {
            b.append("  ").append(ids.get(e.from())).append(e.dashed() ? " -.-> " : " --> ");
            if (!e.label().isEmpty()) {
                b.append('|').append(m(e.label())).append('|');
            }
            b.append(ids.get(e.to())).append('\n');
        }
        return b.toString();
    }

    /** Node keys by cluster (sorted), each in the order added; the empty cluster holds the unclustered. */
    private Map<String, List<String>> byCluster() {
        Map<String, List<String>> byCluster = new TreeMap<>();
        nodes.forEach((k, n) -> byCluster.computeIfAbsent(n.cluster(), c -> new ArrayList<>()).add(k));
        return byCluster;
    }

    private Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        nodes.keySet().forEach(k -> ids.put(k, "n" + ids.size()));
        return ids;
    }

    private static String q(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Mermaid label text: quotes and the characters it would parse become entities; a line break is {@code <br>}. */
    private static String m(String s) {
        return s.replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("|", "#124;")
                .replace("\n", "<br>");
    }
}
