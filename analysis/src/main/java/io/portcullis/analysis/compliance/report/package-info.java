/**
 * Compliance status reports ({@code portcullis report compliance}): every control of one framework with its status
 * (pass, fail, accepted exception with its expiry, not applicable) and its evidence (the analyzer's findings after
 * the baseline, the audit log's verification and checkpoint range, the plan digest), as JSON and as a printable
 * HTML page that needs nothing from the network. docs/compliance-report.md.
 */
package io.portcullis.analysis.compliance.report;
