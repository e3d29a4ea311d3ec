/**
 * Offline checks of an audit log directory: {@link io.portcullis.audit.verify.AuditVerifier} checks every record,
 * every checkpoint signature and the checkpoints' agreement with the records, and names the first bad record and
 * the kind of damage; {@link io.portcullis.audit.verify.AuditProver} produces inclusion proofs that
 * {@link io.portcullis.audit.verify.ProofDocument} checks without the log.
 */
package io.portcullis.audit.verify;
