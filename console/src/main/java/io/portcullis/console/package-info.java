/**
 * The web console a node serves when its configuration has a {@code console} section ({@link Console}): Traffic,
 * Decisions, Explain, Audit, Changes and Reachability views, each at a stable URL, behind sign-in. Figures are
 * read from what the node already keeps (its meters, its audit log, its plan); explanations come from
 * {@code runtime.explain}. Nothing is fetched from the internet: the pages are plain HTML, CSS and JavaScript in
 * this jar (docs/console.md). {@link ClusterConsole}: the same views for every node of a cluster, served by the
 * control plane and relayed to each node's console over mTLS after the user's role is checked.
 */
package io.portcullis.console;
