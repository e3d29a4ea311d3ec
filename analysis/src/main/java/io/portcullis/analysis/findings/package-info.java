/**
 * Findings on a compiled configuration: the rule catalog ({@link io.portcullis.analysis.findings.Rules}), the
 * {@link io.portcullis.analysis.findings.Finding} value (rule id, severity, resource placed at its file, line and
 * column and, when imported, its AWS source file and JSON pointer; evidence; remediation; a stable fingerprint),
 * the checks, and {@link io.portcullis.analysis.findings.Analyzer} that runs them. Every reachability fact comes
 * from the engine ({@code Explainer}, {@code engine.Reachability}); the checks compare configuration and never
 * match traffic themselves.
 */
package io.portcullis.analysis.findings;
