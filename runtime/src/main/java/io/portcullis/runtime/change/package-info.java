/**
 * Change control: a node configured with {@code changeControl} serves a new plan only through a change record
 * ({@link io.portcullis.runtime.change.ChangeRecord}) that leads from the digest it serves to exactly the new one,
 * carries enough valid Ed25519 approvals ({@link io.portcullis.runtime.change.ApprovalSignatures}) from the
 * approvers of the plan in force for its risk ({@link io.portcullis.runtime.change.RiskAssessment}), and has not
 * expired ({@link io.portcullis.runtime.change.ChangeGate}). docs/change-control.md walks through it.
 */
package io.portcullis.runtime.change;
