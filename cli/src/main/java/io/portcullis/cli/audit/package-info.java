/**
 * {@code portcullis audit}: verify a tamper-evident audit log, print and check inclusion proofs, search it and
 * export it as JSON lines, and create the Ed25519 checkpoint-signing key.
 */
package io.portcullis.cli.audit;
