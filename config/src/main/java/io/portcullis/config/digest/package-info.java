/**
 * The plan digest: a SHA-256 over a canonical JSON form of everything a configuration will enforce, so that
 * approvals, audit records and nodes can name exactly one plan. See docs/plan-digest.md.
 */
package io.portcullis.config.digest;
