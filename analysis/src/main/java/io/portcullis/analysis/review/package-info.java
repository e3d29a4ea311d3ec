/**
 * Membership reviews: every membership of a configuration (a workload in a group, a group included in a group)
 * with what it grants (the engine's {@code check}), when the audit log last shows it used, and a proposal; the
 * sheet reviewers fill in (CSV or JSON, both read back exactly), and the configuration change its removals make,
 * with the access that disappears (who-can-reach on the two compiled plans). docs/review.md.
 */
package io.portcullis.analysis.review;
