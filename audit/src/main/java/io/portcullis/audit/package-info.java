/**
 * The tamper-evident audit log: {@link io.portcullis.audit.AuditLog} takes an {@link io.portcullis.audit.AuditRecord}
 * per decision without blocking the request thread, writes it to segment files hashed into an RFC 9162 Merkle
 * tree, and signs checkpoints of the tree with Ed25519. {@link io.portcullis.audit.AuditSettings} is the
 * {@code audit} configuration section; the {@link io.portcullis.audit.FailurePolicy} says what happens when the log
 * cannot keep up. Verification and proofs live in {@code io.portcullis.audit.verify}; the format is in
 * docs/audit.md.
 */
package io.portcullis.audit;
