/**
 * Signed checkpoints: a tree size, its root hash and a time, signed with Ed25519 so that whoever can rewrite the
 * log files still cannot forge what the log committed to. {@link io.portcullis.audit.checkpoint.AuditKeys} creates
 * and reads the PEM key files.
 */
package io.portcullis.audit.checkpoint;
