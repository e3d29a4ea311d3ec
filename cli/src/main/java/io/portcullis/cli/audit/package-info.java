/**
 * {@code portcullis audit}: verify a tamper-evident audit log, print and check inclusion proofs, and create the
 * Ed25519 checkpoint-signing key.
 */
package io.portcullis.cli.audit;
