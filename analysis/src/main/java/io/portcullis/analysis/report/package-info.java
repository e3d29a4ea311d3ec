/**
 * What {@code analyze} prints: the findings after the baseline, filtered by a compliance framework, as text
 * (grouped by severity) or JSON; SARIF is in {@code io.portcullis.analysis.sarif}. The exit code is decided here:
 * 1 when a finding at or above {@code --fail-on} counts (open, or its acceptance expired), else 0.
 */
package io.portcullis.analysis.report;
